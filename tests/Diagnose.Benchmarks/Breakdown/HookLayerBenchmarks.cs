using BenchmarkDotNet.Attributes;
using Diagnose.Benchmarks.Support;
using Diagnose.Hooks;

namespace Diagnose.Benchmarks.Breakdown;

/// <summary>
/// Where a return probe's per-call time goes, layer by layer, outside any probed method. The rewritten method calls
/// <c>calli Fire1&lt;int&gt;(site, result)</c> (FireThroughPointer); Fire1 looks the site's handler up and invokes the
/// delegate (FireDirect); the handler, compiled by SiteCompiler from a LINQ tree, enters the re-entry guard, checks
/// that the instrument is enabled and calls Record (HandlerInvoke). The other rows are the building blocks: a plain
/// static call, a calli, a delegate call, the guard's thread-static enter/exit, Record itself, and the handler's
/// logic written in C# (called directly and through a delegate). The handler here is compiled exactly as the engine
/// compiles the return site of Calculator.AddProbedOnReturn; nothing is probed.
/// </summary>
[ThreadCpuTime]
public unsafe class HookLayerBenchmarks
{
    private readonly CountingRecorder _recorder = new("bench.layers", "result");
    private readonly string[] _tags = [];
    private readonly Action<int> _sink = new Sink().Instance;
    private readonly delegate*<int, int, void> _sinkPointer = &Sink.Static;
    private readonly int _value = 42;
    private delegate*<int, int, void> _fire;
    private Action<int> _handler = _ => { };
    private HandWrittenHandler? _handWritten;
    private Action<int> _handWrittenDelegate = _ => { };
    private int _site;

    [GlobalSetup]
    public void CompileHandler()
    {
        _handler = SiteHandlers.Compiled(_recorder);
        _site = SiteTable.Allocate();
        SiteTable.Set(_site, _handler);
        _fire = (delegate*<int, int, void>)HookFunctions.For([typeof(int)]).MethodHandle.GetFunctionPointer();
        _handWritten = new HandWrittenHandler(_recorder, _tags);
        _handWrittenDelegate = _handWritten.Fire;

        var expected = 0L;
        foreach (var layer in new Action[] { HandlerInvoke, FireDirect, FireThroughPointer, HandWrittenLogic, HandWrittenThroughDelegate, RecordCall })
        {
            layer();
            if (_recorder.Count != ++expected)
            {
                throw new InvalidOperationException($"{layer.Method.Name} did not reach the instrument");
            }
        }
    }

    [GlobalCleanup]
    public void RetireSite() => SiteTable.Retire(_site);

    [Benchmark(Baseline = true)]
    public void StaticCall() => Sink.Static(_site, _value);

    [Benchmark]
    public void FunctionPointerCall() => _sinkPointer(_site, _value);

    [Benchmark]
    public void DelegateCall() => _sink(_value);

    [Benchmark]
    public void GuardEnterExit()
    {
        if (ReentryGuard.TryEnter())
        {
            ReentryGuard.Exit();
        }
    }

    [Benchmark]
    public void RecordCall() => _recorder.Record(_value, _tags);

    [Benchmark]
    public void HandWrittenLogic() => _handWritten!.Fire(_value);

    [Benchmark]
    public void HandWrittenThroughDelegate() => _handWrittenDelegate(_value);

    [Benchmark]
    public void HandlerInvoke() => _handler(_value);

    [Benchmark]
    public void FireDirect() => HookFunctions.Fire1(_site, _value);

    [Benchmark]
    public void FireThroughPointer() => _fire(_site, _value);
}
