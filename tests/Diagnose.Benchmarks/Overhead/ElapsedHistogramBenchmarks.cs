using BenchmarkDotNet.Attributes;
using Diagnose.Benchmarks.Support;

namespace Diagnose.Benchmarks.Overhead;

/// <summary>
/// What the elapsed histogram of a return instrument (for <c>diagnose top</c>) costs a call: the same call-free return
/// probe on <c>result</c>, with it (the default: the call's start timestamp is captured, and each fire reads the clock
/// and adds one to a bucket) and without it (<c>custom.elapsed</c> false). Each benchmark runs with its own probe only.
/// </summary>
[ThreadCpuTime]
public class ElapsedHistogramBenchmarks
{
    private static readonly string s_type = typeof(Calculator).FullName!;

    private readonly Calculator _calculator = new();
    private readonly CountingRecorder _with = new("bench.elapsed.with", "result", mayReenter: false);
    private readonly CountingRecorder _without = new("bench.elapsed.without", "result", mayReenter: false, keepsElapsed: false);
    private readonly int _a = 20;
    private readonly int _b = 22;
    private CheckedProbe? _probe;

    [GlobalSetup(Target = nameof(ReturnProbeWithElapsed))]
    public void StartWith() =>
        _probe = CheckedProbe.Start($"{s_type}.{nameof(Calculator.AddProbedOnReturn)}", _with, () => _with.Count, ReturnProbeWithElapsed, 42);

    [GlobalSetup(Target = nameof(ReturnProbeWithoutElapsed))]
    public void StartWithout() =>
        _probe = CheckedProbe.Start($"{s_type}.{nameof(Calculator.AddProbedWithoutElapsed)}", _without, () => _without.Count, ReturnProbeWithoutElapsed, 42);

    [GlobalCleanup]
    public void StopProbe()
    {
        _probe?.VerifyFiredAndStop();
        _probe = null;
    }

    [Benchmark]
    public int Plain() => _calculator.Add(_a, _b);

    [Benchmark(Baseline = true)]
    public int ReturnProbeWithoutElapsed() => _calculator.AddProbedWithoutElapsed(_a, _b);

    [Benchmark]
    public int ReturnProbeWithElapsed() => _calculator.AddProbedOnReturn(_a, _b);
}
