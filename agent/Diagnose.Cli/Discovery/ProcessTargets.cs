using dnlib.DotNet;

namespace Diagnose.Cli.Discovery;

/// <summary>
/// A <see cref="TargetLookup"/> over the assemblies a running process has loaded (<see cref="ProcessAssemblies"/>),
/// read from disk with their PDBs in this process, as <c>methods</c> reads them: the app's assemblies first, and for a
/// type none of them has, the loaded framework assemblies that could hold it.
/// </summary>
internal sealed class ProcessTargets : IDisposable
{
    private readonly Modules _modules;
    private readonly IReadOnlyList<AssemblyFile> _framework;

    private ProcessTargets(Modules modules, IReadOnlyList<(AssemblyFile File, ModuleDefMD Module)> app, IReadOnlyList<AssemblyFile> framework)
    {
        _modules = modules;
        _framework = framework;
        Lookup = new TargetLookup(app, Framework);
    }

    public TargetLookup Lookup { get; }

    /// <exception cref="CliException">Exit code 3: no such process, or not a .NET process; 4: another user's.</exception>
    public static ProcessTargets Of(int pid)
    {
        var assemblies = ProcessAssemblies.Of(pid);
        var modules = new Modules();
        var app = AppAssemblies.OpenAll(modules, assemblies.Where(a => a.Kind == AssemblyKind.App));
        return new ProcessTargets(modules, app, assemblies.Where(a => a.Kind == AssemblyKind.Framework).ToList());
    }

    public void Dispose() => _modules.Dispose();

    private IReadOnlyList<(AssemblyFile File, ModuleDefMD Module)> Framework(string typeName)
    {
        var names = AppAssemblies.FrameworkNames(typeName).ToHashSet(StringComparer.Ordinal);
        return AppAssemblies.OpenAll(_modules, _framework.Where(a => names.Contains(a.Name)));
    }
}
