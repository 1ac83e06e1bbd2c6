using System.Collections.Concurrent;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Runtime.CompilerServices;

namespace Diagnose.Symbols;

/// <summary>
/// The symbols of one loaded module: its portable PDB, opened once on first use and kept open (memory-mapped or
/// decompressed) as long as the module lives, with the module's document names and source texts cached. A module
/// without usable symbols remembers why, so missing files are looked for only once.
/// </summary>
internal sealed class ModuleSymbols
{
    // Keyed weakly by the module: an unloaded AssemblyLoadContext takes its symbols with it.
    private static readonly ConditionalWeakTable<Module, ModuleSymbols> s_modules = new();

    private readonly Lazy<Opened> _opened;
    private readonly Lazy<Dictionary<int, int>> _moveNextByKickoff;
    private readonly ConcurrentDictionary<DocumentHandle, string> _documentNames = new();
    private readonly ConcurrentDictionary<DocumentHandle, Lazy<SourceDocument>> _sources = new();

    private ModuleSymbols(Module module)
    {
        Module = module;
        _opened = new Lazy<Opened>(() => Open(module), LazyThreadSafetyMode.ExecutionAndPublication);
        _moveNextByKickoff = new Lazy<Dictionary<int, int>>(IndexStateMachines, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public Module Module { get; }

    /// <summary>The open PDB, or null (see <see cref="MissingReason"/>). Opens it on first use.</summary>
    public PdbFile? Pdb => _opened.Value.Pdb;

    public string? MissingReason => _opened.Value.Reason;

    public static ModuleSymbols For(Module module) => s_modules.GetValue(module, static m => new ModuleSymbols(m));

    /// <summary>The name of a document of this module's PDB (usually the full path at build time).</summary>
    public string DocumentName(DocumentHandle handle)
    {
        if (_documentNames.TryGetValue(handle, out var name))
        {
            return name;
        }

        var reader = Pdb!.Reader;
        return _documentNames.GetOrAdd(handle, reader.GetString(reader.GetDocument(handle).Name));
    }

    /// <summary>The text of a document, read once (embedded source first, then the checksum-verified file).</summary>
    public SourceDocument Source(DocumentHandle handle)
    {
        var reader = Pdb!.Reader;
        var lazy = _sources.GetOrAdd(
            handle,
            h => new Lazy<SourceDocument>(() => SourceReader.Read(reader, h, DocumentName(h)), LazyThreadSafetyMode.ExecutionAndPublication));
        return lazy.Value;
    }

    /// <summary>
    /// The MoveNext row of the state machine that the kick-off method of <paramref name="kickoffRow"/> starts, from the
    /// PDB's StateMachineMethod table (indexed once per module), or 0.
    /// </summary>
    public int MoveNextRowOf(int kickoffRow) => Pdb is null ? 0 : _moveNextByKickoff.Value.GetValueOrDefault(kickoffRow);

    private Dictionary<int, int> IndexStateMachines()
    {
        // The table is sorted by MoveNext; reading each method's kick-off is the reader's public way through it.
        var reader = Pdb!.Reader;
        var index = new Dictionary<int, int>();
        foreach (var handle in reader.MethodDebugInformation)
        {
            var kickoff = reader.GetMethodDebugInformation(handle).GetStateMachineKickoffMethod();
            if (!kickoff.IsNil)
            {
                index[MetadataTokens.GetRowNumber(kickoff)] = MetadataTokens.GetRowNumber(handle);
            }
        }

        return index;
    }

    private static Opened Open(Module module)
    {
        string? reason;
        PdbFile? pdb = null;
        try
        {
            if (module.Assembly.IsDynamic)
            {
                reason = "the module is dynamic (Reflection.Emit)";
            }
            else
            {
                var location = module == module.Assembly.ManifestModule ? module.Assembly.Location : module.FullyQualifiedName;
                pdb = PdbLocator.Open(Path.IsPathFullyQualified(location) ? location : null, out reason);
            }
        }
        catch (Exception e) when (SymbolLimits.IsReadFailure(e))
        {
            reason = $"symbols unreadable ({e.GetType().Name}: {e.Message})";
        }

        AgentLog.Debug(pdb is not null ? $"symbols of {module.Name}: {pdb.Origin}" : $"no symbols for {module.Name}: {reason}");
        return new Opened(pdb, reason);
    }

    private sealed record Opened(PdbFile? Pdb, string? Reason);
}
