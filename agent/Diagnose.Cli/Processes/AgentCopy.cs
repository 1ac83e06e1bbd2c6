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

    /// <summary>
    /// The hook for a program <c>diagnose run</c> starts: the app's own copy when its folder has one (the folder of the
    /// <c>.dll</c> that <c>dotnet</c> is given, or of the app's executable, found on PATH as the shell would), else the
    /// installation's. With the installation's file, an app that ships an older Diagnose.Agent would die at start.
    /// </summary>
    public static string ForLaunch(IReadOnlyList<string> commandLine, string installed, string? path)
    {
        if (AppFolder(commandLine, path) is { } folder && File.Exists(Path.Combine(folder, TargetProcess.AgentFileName)))
        {
            return Path.GetFullPath(Path.Combine(folder, TargetProcess.AgentFileName));
        }

        return installed;
    }

    /// <summary>The folder of the app's assemblies for a command line, or null when it cannot be told.</summary>
    internal static string? AppFolder(IReadOnlyList<string> commandLine, string? path)
    {
        if (commandLine.Count == 0)
        {
            return null;
        }

        var program = Locate(commandLine[0], path);
        if (program is null)
        {
            return null;
        }

        if (Path.GetFileNameWithoutExtension(program) == "dotnet")
        {
            var app = commandLine.Skip(1).FirstOrDefault(a => a.EndsWith(".dll", StringComparison.OrdinalIgnoreCase));
            return app is null ? null : Path.GetDirectoryName(Path.GetFullPath(app));
        }

        return Path.GetDirectoryName(program);
    }

    private static string? Locate(string program, string? path)
    {
        if (program.Contains('/'))
        {
            return File.Exists(program) ? Path.GetFullPath(program) : null;
        }

        return (path ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);
    }

    private static bool IsAgent(string path) => path.EndsWith("/" + TargetProcess.AgentFileName, StringComparison.Ordinal);
}
