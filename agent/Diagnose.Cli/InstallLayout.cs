namespace Diagnose.Cli;

/// <summary>
/// Where the parts of an installation are: <c>$DIAGNOSE_HOME</c> (or the folder above this tool's own) holds
/// <c>native/libDiagnose.Profiler.so</c> and <c>agent/Diagnose.Agent.dll</c> (build/build.sh makes this layout).
/// </summary>
internal sealed class InstallLayout
{
    public const string ProfilerClsid = "{8A3E5F21-4C7D-4E2B-9B1A-D1A6C0F3E742}";

    private InstallLayout(string home)
    {
        Home = home;
        ProfilerPath = Path.Combine(home, "native", "libDiagnose.Profiler.so");
        AgentPath = Path.Combine(home, "agent", "Diagnose.Agent.dll");
    }

    public string Home { get; }

    public string ProfilerPath { get; }

    public string AgentPath { get; }

    /// <exception cref="CliException">A part is missing.</exception>
    public static InstallLayout Find()
    {
        var home = Environment.GetEnvironmentVariable("DIAGNOSE_HOME");
        if (string.IsNullOrEmpty(home))
        {
            home = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, ".."));
        }

        var layout = new InstallLayout(Path.GetFullPath(home));
        foreach (var part in new[] { layout.ProfilerPath, layout.AgentPath })
        {
            if (!File.Exists(part))
            {
                throw new CliException(ExitCodes.UsageError, $"the installation in {layout.Home} is incomplete: {part} is missing (run build/build.sh, or set DIAGNOSE_HOME)");
            }
        }

        return layout;
    }

    /// <summary>The variables that load the profiler and the agent into a .NET process at start.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> LaunchVariables(string? specsPath, string? existingStartupHooks, string? keyFile = null)
    {
        var hooks = string.IsNullOrEmpty(existingStartupHooks) ? AgentPath : $"{existingStartupHooks}{Path.PathSeparator}{AgentPath}";
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
