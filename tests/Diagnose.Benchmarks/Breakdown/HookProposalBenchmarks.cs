using BenchmarkDotNet.Attributes;
using Diagnose.Benchmarks.Support;
using Diagnose.Hooks;

namespace Diagnose.Benchmarks.Breakdown;

/// <summary>
/// Two ways to a cheaper hook, each measured from the <c>calli</c> that the rewritten method makes, against the
/// current one (calli HookFunctions.Fire1 → handler compiled by SiteCompiler, guard inside). GuardInHook: the guard
/// taken in C# by the hook (<see cref="GuardedHook"/>) around a handler compiled without it. CSharpHandler: the
/// current hook calling a handler written in C# (what a prebuilt generic handler could do when an instrument's value
/// is a captured value itself, such as <c>result</c>, and needs no compiled expression).
/// </summary>
[ThreadCpuTime]
public unsafe class HookProposalBenchmarks
{
    private readonly CountingRecorder _recorder = new("bench.proposals", "result");
    private readonly string[] _tags = [];
    private readonly int _value = 42;
    private delegate*<int, int, void> _fire;
    private delegate*<int, int, void> _guardedFire;
    private int _currentSite;
    private int _unguardedSite;
    private int _handWrittenSite;

    [GlobalSetup]
    public void InstallSites()
    {
        _fire = (delegate*<int, int, void>)HookFunctions.For([typeof(int)]).MethodHandle.GetFunctionPointer();
        _guardedFire = (delegate*<int, int, void>)typeof(GuardedHook).GetMethod(nameof(GuardedHook.Fire1))!.MakeGenericMethod(typeof(int)).MethodHandle.GetFunctionPointer();
        _currentSite = Install(SiteHandlers.Compiled(_recorder));
        _unguardedSite = Install(SiteHandlers.CompiledWithoutGuard(_recorder, _tags));
        _handWrittenSite = Install(new HandWrittenHandler(_recorder, _tags).Fire);

        var expected = 0L;
        foreach (var hook in new Action[] { Current, GuardInHook, CSharpHandler })
        {
            hook();
            if (_recorder.Count != ++expected)
            {
                throw new InvalidOperationException($"{hook.Method.Name} did not reach the instrument");
            }
        }
    }

    [GlobalCleanup]
    public void RetireSites()
    {
        SiteTable.Retire(_currentSite);
        SiteTable.Retire(_unguardedSite);
        SiteTable.Retire(_handWrittenSite);
    }

    [Benchmark(Baseline = true)]
    public void Current() => _fire(_currentSite, _value);

    [Benchmark]
    public void GuardInHook() => _guardedFire(_unguardedSite, _value);

    [Benchmark]
    public void CSharpHandler() => _fire(_handWrittenSite, _value);

    private static int Install(Action<int> handler)
    {
        var site = SiteTable.Allocate();
        SiteTable.Set(site, handler);
        return site;
    }
}
