using System.Runtime.InteropServices;
using dnlib.DotNet;

namespace Diagnose.Cli.Discovery;

/// <summary>
/// The assemblies <c>check --app</c> resolves targets in: a directory's *.dll (a build or publish output), or one
/// assembly; for a type none of them has, the framework assemblies that could hold it (its namespace's assembly,
/// System.Private.CoreLib, System.Runtime): a self-contained app's own, else those of the runtime this command runs on.
/// </summary>
internal sealed class AppAssemblies : IDisposable
{
    private readonly Modules _modules;
    private readonly string _runtimeDirectory;

    private AppAssemblies(Modules modules, IReadOnlyList<(AssemblyFile File, ModuleDefMD Module)> app, string runtimeDirectory)
    {
        _modules = modules;
        App = app;
        _runtimeDirectory = runtimeDirectory;
    }

    public IReadOnlyList<(AssemblyFile File, ModuleDefMD Module)> App { get; }

    /// <exception cref="CliException">Exit code 2: the path is neither a directory nor an assembly, or has no assemblies.</exception>
    public static AppAssemblies Open(string path)
    {
        var full = Path.GetFullPath(path);
        string[] files;
        string directory;
        if (Directory.Exists(full))
        {
            (files, directory) = (Directory.GetFiles(full, "*.dll").Order(StringComparer.Ordinal).ToArray(), full);
        }
        else if (File.Exists(full))
        {
            (files, directory) = ([full], Path.GetDirectoryName(full)!);
        }
        else
        {
            throw new CliException(ExitCodes.UsageError, $"--app: {path} is neither a directory nor an assembly; give the app's build or publish directory, or its .dll");
        }

        // A self-contained app carries the runtime: its System.* and Microsoft.* files are the framework, read like
        // the shared one (only where a type the app lacks can be), not as the app's own.
        var selfContained = File.Exists(Path.Combine(directory, "libcoreclr.so"));
        var modules = new Modules();
        var own = files
            .Select(f => new AssemblyFile(f, Path.GetFileNameWithoutExtension(f), ProcessAssemblies.KindOf(f, selfContained ? directory : "")))
            .Where(a => a.Kind != AssemblyKind.Framework || files.Length == 1);
        var app = OpenAll(modules, own);
        if (app.Count == 0)
        {
            modules.Dispose();
            throw new CliException(ExitCodes.UsageError, $"--app: {path} has no .NET assemblies{string.Concat(modules.Skipped.Select(s => "; " + s))}");
        }

        return new AppAssemblies(modules, app, selfContained ? directory : RuntimeEnvironment.GetRuntimeDirectory().TrimEnd('/'));
    }

    /// <summary>The framework assemblies that could hold <paramref name="typeName"/>, opened on first use.</summary>
    public IReadOnlyList<(AssemblyFile File, ModuleDefMD Module)> Framework(string typeName)
    {
        var files = FrameworkNames(typeName).Select(n => Path.Combine(_runtimeDirectory, n + ".dll")).Where(File.Exists);
        return OpenAll(_modules, files.Select(f => new AssemblyFile(f, Path.GetFileNameWithoutExtension(f), AssemblyKind.Framework)));
    }

    /// <summary>The names of the framework assemblies that could hold <paramref name="typeName"/>: CoreLib, System.Runtime, its namespace's.</summary>
    public static IEnumerable<string> FrameworkNames(string typeName)
    {
        var names = new List<string> { "System.Private.CoreLib", "System.Runtime" };
        var parts = typeName.Split('.');
        for (var n = parts.Length - 1; n > 0; n--)
        {
            names.Add(string.Join('.', parts.Take(n)));
        }

        return names.Distinct(StringComparer.Ordinal).Where(ProcessAssemblies.IsRuntimePackName);
    }

    public void Dispose() => _modules.Dispose();

    /// <summary>The files that open as modules, each with its module.</summary>
    public static List<(AssemblyFile File, ModuleDefMD Module)> OpenAll(Modules modules, IEnumerable<AssemblyFile> files) =>
        files.Select(a => (File: a, Module: modules.Open(a))).Where(a => a.Module is not null).Select(a => (a.File, a.Module!)).ToList();
}
