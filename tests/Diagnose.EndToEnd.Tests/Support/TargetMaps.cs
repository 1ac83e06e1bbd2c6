namespace Diagnose.EndToEnd.Tests.Support;

/// <summary>What a target has mapped, from <c>/proc/pid/maps</c>.</summary>
internal static class TargetMaps
{
    /// <summary>The paths of Diagnose's files the process has loaded (the profiler and the agent's assemblies).</summary>
    public static IReadOnlyList<string> Diagnose(int pid) =>
        File.ReadLines($"/proc/{pid}/maps")
            .Where(line => line.Contains('/'))
            .Select(line => line[line.IndexOf('/')..])
            .Where(path => path.EndsWith("/libDiagnose.Profiler.so", StringComparison.Ordinal) || path.EndsWith("/Diagnose.Agent.dll", StringComparison.Ordinal) || path.EndsWith("/Diagnose.Protocol.dll", StringComparison.Ordinal))
            .Distinct()
            .ToList();
}
