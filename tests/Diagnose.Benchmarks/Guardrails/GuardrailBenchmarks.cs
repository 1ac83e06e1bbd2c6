using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Diagnose.Benchmarks.Overhead;
using Diagnose.Benchmarks.Support;

namespace Diagnose.Benchmarks.Guardrails;

/// <summary>
/// What the guardrails cost per call (issue 10): a method without a probe, with a call probe whose rate limit
/// (one fire a second) has no token left, so every measured call is a dropped hit that costs only the check (a probe
/// that fires, with its counters, is <see cref="ProbeOverheadBenchmarks"/>). Goal: a dropped hit at most 10 ns over
/// plain, 0 bytes.
/// </summary>
[ThreadCpuTime]
public class GuardrailBenchmarks
{
    private static readonly string s_type = typeof(Calculator).FullName!;

    private readonly Calculator _calculator = new();
    private readonly DroppingSink _limited = new();
    private readonly int _a = 20;
    private readonly int _b = 22;
    private CheckedProbe? _probe;

    [GlobalSetup(Target = nameof(RateLimitedBucketEmpty))]
    public void StartRateLimited() =>
        _probe = CheckedProbe.Start($"{s_type}.{nameof(Calculator.AddRateLimited)}", _limited, () => _limited.Count, RateLimitedBucketEmpty, 42);

    [GlobalCleanup]
    public void StopProbe()
    {
        _probe?.VerifyFiredAndStop();
        _probe = null;
    }

    [Benchmark(Baseline = true)]
    public int Plain() => _calculator.Add(_a, _b);

    [Benchmark]
    public int RateLimitedBucketEmpty() => _calculator.AddRateLimited(_a, _b);

    /// <summary>A line-like instrument (rate-limited, like log) at one fire a second that writes nothing.</summary>
    private sealed class DroppingSink() : Instrument("bench.guard.sink", "a", InstrumentEvent.Call, custom: new JsonObject { ["rate"] = 1 })
    {
        private long _count;

        public long Count => Interlocked.Read(ref _count);

        protected internal override void Fire(object? value, IReadOnlyList<string> tags) => Interlocked.Increment(ref _count);
    }
}
