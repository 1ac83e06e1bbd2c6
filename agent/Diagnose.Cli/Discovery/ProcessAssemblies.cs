using Diagnose.Cli.Processes;

namespace Diagnose.Cli.Discovery;

/// <summary>
/// The assemblies a process has loaded, from the files mapped into it (<c>/proc/pid/maps</c>): it works whether or
/// not Diagnose is loaded, and reads nothing inside the process.
/// </summary>
internal static class ProcessAssemblies
{
    private const string RuntimeLibrary = "libcoreclr.so";
    private static readonly string[] s_diagnose = ["Diagnose.Agent", "Diagnose.Protocol"];

    /// <exception cref="CliException">Exit code 3: no such process, or not a .NET process; 4: another user's.</exception>
    public static IReadOnlyList<AssemblyFile> Of(int pid)
    {
        if (!TargetProcess.IsRunning(pid))
        {
            throw TargetProcess.NotFound(pid);
        }

        var mapped = TargetProcess.MappedFiles(pid);
        var runtime = mapped.FirstOrDefault(f => Path.GetFileName(f) == RuntimeLibrary);
        if (runtime is null && !TargetProcess.IsRunning(pid))
        {
            throw TargetProcess.NotFound(pid); // it ended meanwhile
        }

        if (runtime is null)
        {
            throw new CliException(ExitCodes.Unreachable, $"process {pid} is not a .NET process (the runtime, {RuntimeLibrary}, is not loaded in it); 'diagnose ps' lists the .NET processes you can reach");
        }

        var runtimeDirectory = Path.GetDirectoryName(runtime)!;
        return mapped
            .Where(f => f.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Select(f => new AssemblyFile(Readable(pid, f), Path.GetFileNameWithoutExtension(f), KindOf(f, runtimeDirectory)))
            .ToList();
    }

    /// <summary>
    /// The path to read a mapped file at: as the process sees it, or through <c>/proc/pid/root</c> when this command
    /// runs in another mount namespace (a sidecar container beside the app), where the app's files are not at that path.
    /// </summary>
    private static string Readable(int pid, string path) =>
        File.Exists(path) || !File.Exists($"/proc/{pid}/root{path}") ? path : $"/proc/{pid}/root{path}";

    /// <summary>
    /// Framework: everything in a shared framework directory (<c>…/shared/Microsoft.NETCore.App/10.0.0/</c>, and the
    /// ASP.NET Core one beside it); in a self-contained app (the runtime in the app's directory), the runtime pack's
    /// names: System.*, Microsoft.*, mscorlib, netstandard, WindowsBase.
    /// </summary>
    public static AssemblyKind KindOf(string path, string runtimeDirectory)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        if (s_diagnose.Contains(name, StringComparer.Ordinal))
        {
            return AssemblyKind.Diagnose;
        }

        if (path.Contains("/shared/Microsoft.", StringComparison.Ordinal))
        {
            return AssemblyKind.Framework;
        }

        var inRuntimeDirectory = string.Equals(Path.GetDirectoryName(path), runtimeDirectory, StringComparison.Ordinal);
        return inRuntimeDirectory && IsRuntimePackName(name) ? AssemblyKind.Framework : AssemblyKind.App;
    }

    /// <summary>The names of the assemblies a runtime pack brings.</summary>
    public static bool IsRuntimePackName(string name) =>
        name.StartsWith("System.", StringComparison.Ordinal) || name.StartsWith("Microsoft.", StringComparison.Ordinal)
        || name is "System" or "mscorlib" or "netstandard" or "WindowsBase";
}
