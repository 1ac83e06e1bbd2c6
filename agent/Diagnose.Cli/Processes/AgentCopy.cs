using Diagnose.Cli.Discovery;

namespace Diagnose.Cli.Processes;

/// <summary>
/// Which Diagnose.Agent file a process runs the startup hook of. An app built against Diagnose.Agent (the in-process
/// API, its own instrument classes) has a copy in its own folder, on the runtime's list of the app's assemblies; the
/// runtime binds a startup hook of that name to the app's copy whatever file it is given, and when the file given is
/// a newer version than the app's it throws FileLoadException from the hook, which ends the process. So the hook is
/// the copy the process has loaded, else the app's own, else the installation's.
/// </summary>
internal static class AgentCopy
{
    /// <summary>The path, as the process sees it, to give <c>ApplyStartupHook</c>.</summary>
    public static string For(int pid, string installed)
    {
        var mapped = TargetProcess.MappedFiles(pid);
        if (mapped.FirstOrDefault(IsAgent) is { } loaded)
        {
            return loaded;
        }

        foreach (var assembly in ProcessAssemblies.Of(pid).Where(a => a.Kind == AssemblyKind.App))
        {
            var own = Path.Combine(Path.GetDirectoryName(assembly.Path)!, TargetProcess.AgentFileName);
            if (File.Exists(own))
            {
                var prefix = $"/proc/{pid}/root";
                return own.StartsWith(prefix + "/", StringComparison.Ordinal) ? own[prefix.Length..] : own;
            }
        }

        return installed;
    }

    private static bool IsAgent(string path) => path.EndsWith("/" + TargetProcess.AgentFileName, StringComparison.Ordinal);
}
