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

    /// <summary>Files that could not be read, with the reason.</summary>
    public IReadOnlyList<string> Skipped => _skipped;

    /// <summary>The module of an assembly file, or null when it cannot be read.</summary>
    public ModuleDefMD? Open(AssemblyFile file)
    {
        if (_open.TryGetValue(file.Path, out var module))
        {
            return module;
        }

        try
        {
            module = ModuleDefMD.Load(file.Path, new ModuleCreationOptions(_context) { TryToLoadPdbFromDisk = true });
        }
        catch (Exception e) when (e is BadImageFormatException or IOException or UnauthorizedAccessException)
        {
            _skipped.Add($"{file.Path}: {e.Message}");
            module = null;
        }

        _open[file.Path] = module;
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
