using dnlib.DotNet;

namespace Diagnose.Cli.Discovery;

/// <summary>
/// Opens assemblies from disk with dnlib, once each, with their portable PDBs (beside the file or embedded), in this
/// process only. A file that is not a .NET assembly is skipped and said why.
/// </summary>
internal sealed class Modules : IDisposable
{
    private readonly ModuleContext _context = new();
    private readonly Dictionary<string, ModuleDefMD?> _open = new(StringComparer.Ordinal);
    private readonly List<string> _skipped = [];
    private readonly HashSet<ModuleDefMD> _withSymbols = [];

    /// <summary>Files that could not be read, with the reason.</summary>
    public IReadOnlyList<string> Skipped => _skipped;

    /// <summary>
    /// The module of an assembly file, or null when it cannot be read. Its PDB is read only when
    /// <paramref name="symbols"/> (or by <see cref="WithSymbols"/>, before any method body of it is read).
    /// </summary>
    public ModuleDefMD? Open(AssemblyFile file, bool symbols = true)
    {
        if (_open.TryGetValue(file.Path, out var module))
        {
            return symbols && module is not null ? WithSymbols(module) : module;
        }

        try
        {
            module = ModuleDefMD.Load(file.Path, new ModuleCreationOptions(_context) { TryToLoadPdbFromDisk = false });
            if (symbols)
            {
                WithSymbols(module);
            }
        }
        catch (Exception e) when (e is BadImageFormatException or IOException or UnauthorizedAccessException)
        {
            _skipped.Add($"{file.Path}: {e.Message}");
            module = null;
        }

        _open[file.Path] = module;
        return module;
    }

    /// <summary>Reads the module's portable PDB (embedded, or the file beside it) once; a module without one stays as it is.</summary>
    public ModuleDefMD WithSymbols(ModuleDefMD module)
    {
        if (_withSymbols.Add(module))
        {
            module.LoadPdb();
        }

        return module;
    }

    public void Dispose()
    {
        foreach (var module in _open.Values)
        {
            module?.Dispose();
        }
    }
}
