using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Diagnose.Symbols;

/// <summary>
/// Finds and opens the portable PDB of an assembly file, in this order: the PDB embedded in the PE (debug directory
/// entry EmbeddedPortablePdb); the file the CodeView entry names; a file of that name beside the assembly; and
/// <c>&lt;assembly&gt;.pdb</c> beside the assembly. A PDB file must match the CodeView entry's id (a stale PDB would
/// give wrong names and lines). Windows PDBs are skipped. Nothing here throws for missing or corrupt files: the
/// result is null with a reason listing every place tried.
/// </summary>
internal static class PdbLocator
{
    /// <summary>CodeView entries of PEs built with a portable PDB have this minor version ('PM').</summary>
    private const ushort PortableCodeViewMinorVersion = 0x504D;

    private static ReadOnlySpan<byte> PortableSignature => "BSJB"u8;

    private static ReadOnlySpan<byte> WindowsSignature => "Microsoft C/C++ MSF 7.00"u8;

    public static PdbFile? Open(string? assemblyPath, out string? reason)
    {
        if (string.IsNullOrEmpty(assemblyPath))
        {
            reason = "the assembly has no file location (loaded from bytes, bundled into a single file, or dynamic)";
            return null;
        }

        var tried = new List<string>();
        try
        {
            using var stream = OpenShared(assemblyPath);
            using var pe = new PEReader(stream);
            var entries = pe.ReadDebugDirectory();
            foreach (var entry in entries)
            {
                if (entry.Type == DebugDirectoryEntryType.EmbeddedPortablePdb && OpenEmbedded(pe, entry, assemblyPath, tried) is { } embedded)
                {
                    reason = null;
                    return embedded;
                }
            }

            var codeView = entries.FirstOrDefault(e => e.Type == DebugDirectoryEntryType.CodeView);
            var id = codeView.Type == DebugDirectoryEntryType.CodeView ? ExpectedId.From(pe, codeView) : null;
            foreach (var candidate in Candidates(assemblyPath, id?.Path))
            {
                if (OpenFile(candidate, id, tried) is { } file)
                {
                    reason = null;
                    return file;
                }
            }
        }
        catch (Exception e) when (SymbolLimits.IsReadFailure(e))
        {
            tried.Add($"{assemblyPath}: unreadable ({e.GetType().Name}: {e.Message})");
        }

        reason = "no portable PDB: " + string.Join("; ", tried);
        return null;
    }

    private static PdbFile? OpenEmbedded(PEReader pe, DebugDirectoryEntry entry, string assemblyPath, List<string> tried)
    {
        MetadataReaderProvider? provider = null;
        try
        {
            // Entry data: "MPDB" signature (4 bytes), uncompressed size (int32), deflate-compressed PDB image.
            if (entry.DataRelativeVirtualAddress != 0 && entry.DataSize >= 8)
            {
                var header = pe.GetSectionData(entry.DataRelativeVirtualAddress).GetReader(0, 8);
                header.ReadUInt32();
                var size = header.ReadInt32();
                if (size is <= 0 or > SymbolLimits.MaxEmbeddedPdbBytes)
                {
                    tried.Add($"embedded PDB in {assemblyPath}: size {size} out of bounds");
                    return null;
                }
            }

            provider = pe.ReadEmbeddedPortablePdbDebugDirectoryData(entry);
            var pdb = new PdbFile(provider, provider.GetMetadataReader(), "embedded in " + assemblyPath);
            provider = null;
            return pdb;
        }
        catch (Exception e) when (SymbolLimits.IsReadFailure(e))
        {
            tried.Add($"embedded PDB in {assemblyPath}: unreadable ({e.GetType().Name}: {e.Message})");
            return null;
        }
        finally
        {
            provider?.Dispose();
        }
    }

    private static IEnumerable<string> Candidates(string assemblyPath, string? codeViewPath)
    {
        var directory = Path.GetDirectoryName(assemblyPath) ?? "";
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(codeViewPath))
        {
            if (Path.IsPathFullyQualified(codeViewPath) && seen.Add(codeViewPath))
            {
                yield return codeViewPath;
            }

            // The CodeView path may come from another OS: take the file name after either separator.
            var fileName = codeViewPath[(codeViewPath.LastIndexOfAny(['/', '\\']) + 1)..];
            var beside = Path.Combine(directory, fileName);
            if (fileName.Length > 0 && seen.Add(beside))
            {
                yield return beside;
            }
        }

        var sameName = Path.ChangeExtension(assemblyPath, ".pdb");
        if (seen.Add(sameName))
        {
            yield return sameName;
        }
    }

    private static PdbFile? OpenFile(string path, ExpectedId? id, List<string> tried)
    {
        if (!File.Exists(path))
        {
            tried.Add($"{path}: not found");
            return null;
        }

        FileStream? stream = null;
        MetadataReaderProvider? provider = null;
        try
        {
            stream = OpenShared(path);
            if (stream.Length > SymbolLimits.MaxPdbFileBytes)
            {
                tried.Add($"{path}: {stream.Length} bytes, over the limit");
                return null;
            }

            Span<byte> head = stackalloc byte[32];
            head = head[..stream.Read(head)];
            if (!head.StartsWith(PortableSignature))
            {
                tried.Add(head.StartsWith(WindowsSignature)
                    ? $"{path}: a Windows PDB (only portable PDBs are read)"
                    : $"{path}: not a PDB");
                return null;
            }

            stream.Position = 0;
            provider = MetadataReaderProvider.FromPortablePdbStream(stream);
            stream = null;
            var reader = provider.GetMetadataReader();
            if (id is not null && !id.Matches(reader.DebugMetadataHeader?.Id ?? default))
            {
                tried.Add($"{path}: does not match the assembly (a stale PDB from another build)");
                return null;
            }

            var pdb = new PdbFile(provider, reader, path);
            provider = null;
            return pdb;
        }
        catch (Exception e) when (SymbolLimits.IsReadFailure(e))
        {
            tried.Add($"{path}: unreadable ({e.GetType().Name}: {e.Message})");
            return null;
        }
        finally
        {
            provider?.Dispose();
            stream?.Dispose();
        }
    }

    private static FileStream OpenShared(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);

    /// <summary>
    /// The PDB id the CodeView entry expects. A portable PDB's id (#Pdb stream, 20 bytes) is the CodeView GUID
    /// followed by the entry's 4-byte stamp; for a Windows-format entry (a converted PDB) only the GUID is compared.
    /// </summary>
    private sealed class ExpectedId
    {
        private ExpectedId(Guid guid, uint? stamp, string path)
        {
            Guid = guid;
            Stamp = stamp;
            Path = path;
        }

        public Guid Guid { get; }

        public uint? Stamp { get; }

        public string Path { get; }

        public static ExpectedId From(PEReader pe, DebugDirectoryEntry entry)
        {
            var data = pe.ReadCodeViewDebugDirectoryData(entry);
            var portable = entry.MinorVersion == PortableCodeViewMinorVersion;
            return new ExpectedId(data.Guid, portable ? entry.Stamp : null, data.Path);
        }

        public bool Matches(ImmutableArray<byte> pdbId)
        {
            if (pdbId.IsDefault || pdbId.Length != 20)
            {
                return false;
            }

            var span = pdbId.AsSpan();
            if (new Guid(span[..16]) != Guid)
            {
                return false;
            }

            return Stamp is null || BinaryPrimitives.ReadUInt32LittleEndian(span[16..]) == Stamp;
        }
    }
}
