using BenchmarkDotNet.Attributes;
using Diagnose.Benchmarks.Support;

namespace Diagnose.Benchmarks.Overhead;

/// <summary>
/// What the elapsed histogram of a return instrument (for <c>diagnose top</c>) costs a call: the same call-free return
/// probe on <c>result</c>, without it (the default) and with it (<c>custom.elapsed</c> true, <c>probe add --elapsed</c>:
/// the call's start timestamp is captured, and each fire reads the clock again and adds one to a bucket). Each
/// benchmark runs with its own probe only.
/// </summary>
[ThreadCpuTime]
public class ElapsedHistogramBenchmarks
{
    private static readonly string s_type = typeof(Calculator).FullName!;

    private readonly Calculator _calculator = new();
    private readonly CountingRecorder _with = new("bench.elapsed.with", "result", mayReenter: false, keepsElapsed: true);
    private readonly CountingRecorder _without = new("bench.elapsed.without", "result", mayReenter: false);
    private readonly int _a = 20;
    private readonly int _b = 22;
    private CheckedProbe? _probe;

    [GlobalSetup(Target = nameof(ReturnProbeWithElapsed))]
    public void StartWith() =>
        _probe = CheckedProbe.Start($"{s_type}.{nameof(Calculator.AddProbedWithElapsed)}", _with, () => _with.Count, ReturnProbeWithElapsed, 42);

    [GlobalSetup(Target = nameof(ReturnProbeWithoutElapsed))]
    public void StartWithout() =>
        _probe = CheckedProbe.Start($"{s_type}.{nameof(Calculator.AddProbedOnReturn)}", _without, () => _without.Count, ReturnProbeWithoutElapsed, 42);

    [GlobalCleanup]
    public void StopProbe()
    {
        _probe?.VerifyFiredAndStop();
        _probe = null;
    }

    [Benchmark]
    public int Plain() => _calculator.Add(_a, _b);

    [Benchmark(Baseline = true)]
    public int ReturnProbeWithoutElapsed() => _calculator.AddProbedOnReturn(_a, _b);

    [Benchmark]
    public int ReturnProbeWithElapsed() => _calculator.AddProbedWithElapsed(_a, _b);
}
