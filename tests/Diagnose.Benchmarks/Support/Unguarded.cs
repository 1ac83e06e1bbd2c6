using System.Text.Json.Nodes;

namespace Diagnose.Benchmarks.Support;

/// <summary>
/// The guardrail settings of the benchmarks' own instruments: no rate limit, no CPU-share limit and a wide call budget. A benchmark loop
/// spends a large share of the process's CPU in its probe, which the default 5% budget rightly switches off, and a
/// line-like instrument is limited to 100 fires a second by default; either would measure the method without its
/// probe. (What a dropped hit costs is <c>GuardrailBenchmarks</c>.)
/// </summary>
public static class Unguarded
{
    public static JsonObject Limits() => new() { ["rate"] = 0, ["budgetMs"] = 60_000, ["cpuPercent"] = 0 };

    /// <summary>The same, with the elapsed histogram of a return instrument asked for (<c>custom.elapsed</c> true).</summary>
    public static JsonObject WithElapsed()
    {
        var limits = Limits();
        limits["elapsed"] = true;
        return limits;
    }
}
