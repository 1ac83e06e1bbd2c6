using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Diagnose.Benchmarks.Support;

namespace Diagnose.Benchmarks.Engine;

/// <summary>
/// Apply latency: one operation per iteration, in milliseconds. Start, StartAndFirstCall and Stop each take a method
/// that was never probed (see <see cref="FreshMethods"/>): starting twice on one method would measure a warm path
/// (its IL already decoded) that a real first probe does not have. StartAndFirstCall adds the first call, which
/// JIT-compiles the rewritten body: the time until the probe really fires. RestartSameMethod is the start-call-stop
/// cycle on one method, as when an instrument is changed or a probe toggled. With AnotherMethodProbed, Stop re-JITs
/// the method to its original IL (another method stays probed); without, it reverts everything. Wall-clock time:
/// the work spans the profiler's worker thread and the runtime.
/// </summary>
[InvocationCount(1)]
public class ApplyLatencyBenchmarks
{
    private Probe? _other;
    private Probe? _probe;
    private CountingRecorder _recorder = new("bench.apply", "result");
    private Func<int, int> _call = x => x;
    private long _countBefore;

    [Params(false, true)]
    public bool AnotherMethodProbed { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        if (!ProbeFixture.AnyStarted)
        {
            var (target, call) = FreshMethods.Instance.Next();
            var stopwatch = Stopwatch.StartNew();
            var probe = ProbeFixture.Start(target, new CountingRecorder("bench.apply.first", "result"));
            call(1);
            stopwatch.Stop();
            probe.Stop();
            Console.WriteLine($"// first probe of this process (self-attach of the profiler included), Start + first call: {stopwatch.Elapsed.TotalMilliseconds:0.0} ms");
        }

        if (AnotherMethodProbed)
        {
            var (target, call) = FreshMethods.Instance.Next();
            var recorder = new CountingRecorder("bench.apply.other", "result");
            _other = ProbeFixture.Start(target, recorder);
            ProbeFixture.VerifyFiresOnce("the other probed method", () => recorder.Count, () => call(1), 2);
        }
    }

    [GlobalCleanup]
    public void StopOther() => _other?.Stop();

    [IterationSetup(Targets = [nameof(Start), nameof(StartAndFirstCall)])]
    public void PrepareFreshProbe()
    {
        var (target, call) = FreshMethods.Instance.Next();
        _call = call;
        _recorder = new CountingRecorder("bench.apply", "result");
        _probe = Probes.AttachTo(target);
        _probe.Instruments[_recorder.Name] = _recorder;
    }

    [IterationCleanup(Targets = [nameof(Start), nameof(StartAndFirstCall)])]
    public void VerifyStartedAndStop()
    {
        if (_probe!.State != ProbeState.Installed)
        {
            throw new InvalidOperationException($"the probe on {_probe.Target} is {_probe.State}: {_probe.Error}");
        }

        ProbeFixture.VerifyFiresOnce(_probe.Target, () => _recorder.Count, () => _call(1), 2);
        _probe.Stop();
    }

    [IterationSetup(Target = nameof(Stop))]
    public void StartFreshProbe()
    {
        PrepareFreshProbe();
        _probe!.Start();
        ProbeFixture.VerifyFiresOnce(_probe.Target, () => _recorder.Count, () => _call(1), 2);
    }

    [IterationCleanup(Target = nameof(Stop))]
    public void VerifyStopped()
    {
        var before = _recorder.Count;
        if (_call(1) != 2 || _recorder.Count != before)
        {
            throw new InvalidOperationException($"{_probe!.Target} still fires after Stop");
        }
    }

    [GlobalSetup(Target = nameof(RestartSameMethod))]
    public void PrepareSameMethod()
    {
        Setup();
        PrepareFreshProbe();
    }

    [IterationSetup(Target = nameof(RestartSameMethod))]
    public void RememberCount() => _countBefore = _recorder.Count;

    [IterationCleanup(Target = nameof(RestartSameMethod))]
    public void VerifyRestarted()
    {
        if (_recorder.Count != _countBefore + 1)
        {
            throw new InvalidOperationException($"{_probe!.Target}: the restarted probe did not fire once ({_countBefore} → {_recorder.Count})");
        }
    }

    [Benchmark]
    public void Start() => _probe!.Start();

    [Benchmark]
    public int StartAndFirstCall()
    {
        _probe!.Start();
        return _call(1);
    }

    [Benchmark]
    public void Stop() => _probe!.Stop();

    [Benchmark]
    public int RestartSameMethod()
    {
        _probe!.Start();
        var result = _call(1);
        _probe.Stop();
        return result;
    }
}
