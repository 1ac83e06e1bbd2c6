using System.Reflection.Metadata;

namespace Diagnose.Symbols;

/// <summary>
/// An open portable PDB. The provider owns the memory the reader reads (a memory-mapped file, or the decompressed
/// image of an embedded PDB) and lives as long as the module's <see cref="ModuleSymbols"/>.
/// </summary>
internal sealed class PdbFile
{
    public PdbFile(MetadataReaderProvider provider, MetadataReader reader, string origin)
    {
        Provider = provider;
        Reader = reader;
        Origin = origin;
    }

    public MetadataReaderProvider Provider { get; }

    /// <summary>Thread-safe for reading; shared by all methods of the module.</summary>
    public MetadataReader Reader { get; }

    /// <summary>Where the PDB came from: the path of the PDB file, or <c>embedded in &lt;assembly path&gt;</c>.</summary>
    public string Origin { get; }
}
