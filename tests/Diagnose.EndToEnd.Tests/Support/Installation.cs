namespace Diagnose.EndToEnd.Tests.Support;

/// <summary>The layout build/build.sh produced (DIAGNOSE_OUT, default out/ at the repository root).</summary>
internal static class Installation
{
    public static string Root { get; } = FindRoot();

    public static string Out { get; } = Environment.GetEnvironmentVariable("DIAGNOSE_OUT") is { Length: > 0 } o ? o : Path.Combine(Root, "out");

    public static string Diagnose => Existing(Path.Combine(Out, "diagnose"));

    public static string ProfilerPath => Existing(Path.Combine(Out, "native", "libDiagnose.Profiler.so"));

    public static string AgentPath => Existing(Path.Combine(Out, "agent", "Diagnose.Agent.dll"));

    public static string Target(TargetRuntime runtime) => Existing(Path.Combine(Out, "targets", runtime == TargetRuntime.Net8 ? "sample-net8" : "sample", "Sample"));

    public static string InProcessTarget => Existing(Path.Combine(Out, "targets", "inprocess", "InProcess"));

    /// <summary>The Sample target with instrument classes of its own, built against Diagnose.Agent (tests/targets/OwnInstruments).</summary>
    public static string OwnInstrumentsTarget => Existing(Path.Combine(Out, "targets", "own-instruments", "OwnInstruments"));

    private static string Existing(string path) =>
        File.Exists(path) ? path : throw new FileNotFoundException($"{path} is missing: run build/build.sh first");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Diagnose.Agent.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("the repository root (Diagnose.Agent.sln) was not found above the test assembly");
    }
}
