using BenchmarkDotNet.Attributes;
using Diagnose.Benchmarks.Support;

namespace Diagnose.Benchmarks.Expressions;

/// <summary>
/// Evaluating <c>amount * 2</c> on return (issue 3) against the same code written by hand. Goal: at most twice the
/// hand-written cost, no allocation for a primitive value. The object-valued pair shows what boxing adds.
/// </summary>
[ThreadCpuTime]
public class ExpressionEvaluationBenchmarks
{
    private const string Value = "amount * 2";
    private static readonly string s_type = typeof(Pricing).FullName!;

    private readonly Pricing _pricing = new();
    private readonly CountingRecorder _numeric = new("bench.charge.numeric", Value);
    private readonly CountingRecorder _unguarded = new("bench.charge.unguarded", Value, mayReenter: false);
    private readonly CountingInstrument _object = new("bench.charge.object", Value);
    private readonly int _amount = 21;
    private CheckedProbe? _probe;

    [GlobalSetup(Target = nameof(ProbedNumeric))]
    public void StartNumericProbe() =>
        _probe = CheckedProbe.Start($"{s_type}.{nameof(Pricing.ChargeProbed)}", _numeric, () => _numeric.Count, ProbedNumeric, 22);

    [GlobalSetup(Target = nameof(ProbedNumericUnguarded))]
    public void StartUnguardedProbe() =>
        _probe = CheckedProbe.Start($"{s_type}.{nameof(Pricing.ChargeProbedUnguarded)}", _unguarded, () => _unguarded.Count, ProbedNumericUnguarded, 22);

    [GlobalSetup(Target = nameof(ProbedAsObject))]
    public void StartObjectProbe() =>
        _probe = CheckedProbe.Start($"{s_type}.{nameof(Pricing.ChargeProbedAsObject)}", _object, () => _object.Count, ProbedAsObject, 22);

    [GlobalSetup(Targets = [nameof(HandWritten), nameof(HandWrittenAsObject)])]
    public void CheckHandWritten()
    {
        ProbeFixture.VerifyFiresOnce("hand-written numeric", () => HandRecorder.Count, HandWritten, 22);
        ProbeFixture.VerifyFiresOnce("hand-written object", () => HandRecorder.Count, HandWrittenAsObject, 22);
    }

    [GlobalCleanup]
    public void StopProbe()
    {
        _probe?.VerifyFiredAndStop();
        _probe = null;
    }

    [Benchmark(Baseline = true)]
    public int Plain() => _pricing.Charge(_amount);

    [Benchmark]
    [HandWritten(nameof(HandWritten))]
    public int ProbedNumeric() => _pricing.ChargeProbed(_amount);

    /// <summary>The same with an instrument that declares Record calls nothing probe-able: no re-entry guard.</summary>
    [Benchmark]
    [HandWritten(nameof(HandWritten))]
    public int ProbedNumericUnguarded() => _pricing.ChargeProbedUnguarded(_amount);

    [Benchmark]
    public int HandWritten() => _pricing.ChargeByHand(_amount);

    [Benchmark]
    [HandWritten(nameof(HandWrittenAsObject))]
    public int ProbedAsObject() => _pricing.ChargeProbedAsObject(_amount);

    [Benchmark]
    public int HandWrittenAsObject() => _pricing.ChargeByHandAsObject(_amount);
}
