using BenchmarkDotNet.Attributes;
using Diagnose.Benchmarks.Support;

namespace Diagnose.Benchmarks.Overhead;

/// <summary>
/// Per-call cost of a probe (issue 2): a small non-inlined method without a probe, with an active probe whose
/// instrument has no output (a return instrument on <c>result</c>; a call instrument on an argument), and with the
/// same work written by hand into the method. Goal: at most 5 ns and 0 bytes added per call. Each probed benchmark
/// runs with its own probe only; the others run with no probe in the process.
/// </summary>
[ThreadCpuTime]
public class ProbeOverheadBenchmarks
{
    private static readonly string s_type = typeof(Calculator).FullName!;

    private readonly Calculator _calculator = new();
    private readonly CountingRecorder _onReturn = new("bench.add.result", "result");
    private readonly CountingRecorder _onCall = new("bench.add.a", "a", InstrumentEvent.Call);
    private readonly CountingRecorder _atLine = new("bench.add.line", "a", InstrumentEvent.Line);
    private readonly CallingRecorder _calling = new("bench.add.calling", "result");
    private readonly int _a = 20;
    private readonly int _b = 22;
    private CheckedProbe? _probe;

    [GlobalSetup(Target = nameof(ProbedOnReturn))]
    public void StartReturnProbe() =>
        _probe = CheckedProbe.Start($"{s_type}.{nameof(Calculator.AddProbedOnReturn)}", _onReturn, () => _onReturn.Count, ProbedOnReturn, 42);

    [GlobalSetup(Target = nameof(ProbedOnReturnCallingCode))]
    public void StartCallingReturnProbe() =>
        _probe = CheckedProbe.Start($"{s_type}.{nameof(Calculator.AddProbedOnReturnCallingCode)}", _calling, () => _calling.Count, ProbedOnReturnCallingCode, 42);

    [GlobalSetup(Target = nameof(ProbedOnCall))]
    public void StartCallProbe() =>
        _probe = CheckedProbe.Start($"{s_type}.{nameof(Calculator.AddProbedOnCall)}", _onCall, () => _onCall.Count, ProbedOnCall, 42);

    [GlobalSetup(Target = nameof(ProbedAtLine))]
    public void StartLineProbe() =>
        _probe = CheckedProbe.Start($"{s_type}.{nameof(Calculator.AddProbedAtLine)}:{Calculator.ProbedLine()}", _atLine, () => _atLine.Count, ProbedAtLine, 42);

    [GlobalSetup(Targets = [nameof(HandWrittenOnReturn), nameof(HandWrittenOnCall), nameof(HandWrittenOnReturnCallingCode), nameof(HandWrittenAtLine)])]
    public void CheckHandWritten()
    {
        ProbeFixture.VerifyFiresOnce("hand-written line", () => HandRecorder.Count, HandWrittenAtLine, 42);
        ProbeFixture.VerifyFiresOnce("hand-written return through a call", () => HandRecorder.Count, HandWrittenOnReturnCallingCode, 42);
        ProbeFixture.VerifyFiresOnce("hand-written return", () => HandRecorder.Count, HandWrittenOnReturn, 42);
        ProbeFixture.VerifyFiresOnce("hand-written call", () => HandRecorder.Count, HandWrittenOnCall, 42);
    }

    [GlobalCleanup]
    public void StopProbe()
    {
        _probe?.VerifyFiredAndStop();
        _probe = null;
    }

    [Benchmark(Baseline = true)]
    public int Plain() => _calculator.Add(_a, _b);

    [Benchmark]
    [HandWritten(nameof(HandWrittenOnReturn))]
    public int ProbedOnReturn() => _calculator.AddProbedOnReturn(_a, _b);

    [Benchmark]
    public int HandWrittenOnReturn() => _calculator.AddByHandOnReturn(_a, _b);

    /// <summary>
    /// A return probe whose instrument calls a method (as metrics and formatting do): its site keeps the re-entry
    /// guard. (The instrument of <see cref="ProbedOnReturn"/> provably calls nothing, so its site has none.)
    /// </summary>
    [Benchmark]
    [HandWritten(nameof(HandWrittenOnReturnCallingCode))]
    public int ProbedOnReturnCallingCode() => _calculator.AddProbedOnReturnCallingCode(_a, _b);

    [Benchmark]
    public int HandWrittenOnReturnCallingCode() => _calculator.AddByHandOnReturnCallingCode(_a, _b);

    [Benchmark]
    [HandWritten(nameof(HandWrittenOnCall))]
    public int ProbedOnCall() => _calculator.AddProbedOnCall(_a, _b);

    [Benchmark]
    public int HandWrittenOnCall() => _calculator.AddByHandOnCall(_a, _b);

    /// <summary>A line probe on the method's first line, reading an argument (a call-free instrument, so no guard).</summary>
    [Benchmark]
    [HandWritten(nameof(HandWrittenAtLine))]
    public int ProbedAtLine() => _calculator.AddProbedAtLine(_a, _b);

    [Benchmark]
    public int HandWrittenAtLine() => _calculator.AddByHandAtLine(_a, _b);
}
