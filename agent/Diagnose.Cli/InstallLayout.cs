using System.Runtime.InteropServices;

namespace Diagnose.Cli;

/// <summary>
/// Where the parts of an installation are. Two shapes: a layout folder (<c>$DIAGNOSE_HOME</c>, or the folder above
/// this tool's own, as build/build.sh makes <c>out/</c>) holds <c>native/libDiagnose.Profiler.so</c> and
/// <c>agent/Diagnose.Agent.dll</c>; the installed .NET tool package holds <c>agent/Diagnose.Agent.dll</c> and
/// <c>native/linux-x64/libDiagnose.Profiler.so</c> (one folder per platform) beside the command itself.
/// </summary>
internal sealed class InstallLayout
{
    public const string ProfilerClsid = "{8A3E5F21-4C7D-4E2B-9B1A-D1A6C0F3E742}";

    private InstallLayout(string home, string profilerPath)
    {
        Home = home;
        ProfilerPath = profilerPath;
        AgentPath = Path.Combine(home, "agent", "Diagnose.Agent.dll");
    }

    public string Home { get; }

    public string ProfilerPath { get; }

    public string AgentPath { get; }

    /// <summary>The platform folder of the tool package's profiler, e.g. <c>linux-x64</c>.</summary>
    public static string Platform => $"linux-{RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()}";

    /// <summary>A layout folder: <c>native/libDiagnose.Profiler.so</c> and <c>agent/</c> in <paramref name="home"/>.</summary>
    public static InstallLayout In(string home)
    {
        home = Path.GetFullPath(home);
        return new InstallLayout(home, Path.Combine(home, "native", "libDiagnose.Profiler.so"));
    }

    /// <exception cref="CliException">A part is missing.</exception>
    public static InstallLayout Find()
    {
        var home = Environment.GetEnvironmentVariable("DIAGNOSE_HOME");
        if (!string.IsNullOrEmpty(home))
        {
            return Complete(In(home), "set DIAGNOSE_HOME to a folder build/build.sh made, or unset it");
        }

        var package = Path.GetFullPath(AppContext.BaseDirectory);
        if (File.Exists(Path.Combine(package, "agent", "Diagnose.Agent.dll")))
        {
            return Complete(new InstallLayout(package, Path.Combine(package, "native", Platform, "libDiagnose.Profiler.so")), $"this package carries the profiler for linux-x64 only; this machine is {Platform}");
        }

        return Complete(In(Path.Combine(package, "..")), "run build/build.sh, or set DIAGNOSE_HOME");
    }

    /// <summary>The parts a process needs: the profiler, and the agent's folder (the agent and what it references).</summary>
    public IEnumerable<string> Parts => Directory.EnumerateFiles(Path.GetDirectoryName(AgentPath)!).Prepend(ProfilerPath);

    private static InstallLayout Complete(InstallLayout layout, string fix)
    {
        foreach (var part in new[] { layout.ProfilerPath, layout.AgentPath })
        {
            if (!File.Exists(part))
            {
                throw new CliException(ExitCodes.UsageError, $"the installation in {layout.Home} is incomplete: {part} is missing ({fix})");
            }
        }

        return layout;
    }

    /// <summary>The variables that load the profiler and the agent into a .NET process at start.</summary>
    /// <param name="agentPath">The agent file for the startup hook (the app's own copy, <see cref="Processes.AgentCopy.ForLaunch"/>); the installation's when null.</param>
    public IReadOnlyList<KeyValuePair<string, string>> LaunchVariables(string? specsPath, string? existingStartupHooks, string? keyFile = null, string? agentPath = null)
    {
        var agent = agentPath ?? AgentPath;
        var hooks = string.IsNullOrEmpty(existingStartupHooks) ? agent : $"{existingStartupHooks}{Path.PathSeparator}{agent}";
        var variables = new List<KeyValuePair<string, string>>
        {
            new("CORECLR_ENABLE_PROFILING", "1"),
            new("CORECLR_PROFILER", ProfilerClsid),
            new("CORECLR_PROFILER_PATH", ProfilerPath),
            new("DOTNET_STARTUP_HOOKS", hooks),
        };
        if (specsPath is not null)
        {
            variables.Add(new("DIAGNOSE_SPECS", specsPath));
        }

        if (keyFile is not null)
        {
            variables.Add(new("DIAGNOSE_KEY_FILE", keyFile));
        }

        return variables;
    }
}
