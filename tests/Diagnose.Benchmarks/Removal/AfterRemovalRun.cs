using System.Diagnostics;
using System.Globalization;
using Diagnose.Benchmarks.Support;

namespace Diagnose.Benchmarks.Removal;

/// <summary>
/// Issue 11's "full speed after removal", measured (<c>-- --after-removal</c>): for each case a method is probed,
/// called while probed, and unprobed; then, in the first second after <c>Stop</c>, its ns/call is compared with that
/// of an identical method that never had a probe and had the same calls before (so the same tier). The two are timed
/// in alternating slices, each first in every other pair, so that noise and background tier-up touch both alike; calls go through function pointers
/// (one indirect call each, the same for both). Printed, never asserted. Every case needs methods in their first
/// state, so a process measures each once: run it several times for several samples.
/// </summary>
public static unsafe class AfterRemovalRun
{
    private static readonly string s_twins = typeof(Twins).FullName!;
    private static long s_sink;

    public static int Run()
    {
        Console.WriteLine("// the first second after Stop: a probed-then-removed method vs an identical one never probed (ns/call)");
        Console.WriteLine("| Case | removed | never probed | ratio |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        Report("control: two methods never probed", Control());
        Report("tier 1 when probed", Warm());
        Report("tier 0 when probed", Cold());
        Report("a caller that had inlined it", Inlined());
        Report("on-stack-replaced when probed", Replaced());
        Report("ReadyToRun code when probed", Precompiled());
        return 0;
    }

    private static void Report(string name, (double Removed, double Never) result) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {result.Removed:F2} | {result.Never:F2} | {result.Removed / result.Never:F3} |"));

    private static (double, double) Warm()
    {
        delegate*<int, int> probed = &Twins.WarmProbed, never = &Twins.WarmNever;
        Both(2_000_000, probed, never);
        Thread.Sleep(1000); // both reach tier 1 (the runtime's call counting and its background compile)
        WhileProbed(nameof(Twins.WarmProbed), "a", () => Twins.WarmProbed(2), (2 * 31) ^ 5, 1, () => Both(2_000_000, probed, never));
        return Compare(100_000, probed, never);
    }

    /// <summary>Two twins warmed like <see cref="Warm"/>, neither probed: the ratio a perfect removal would give.</summary>
    private static (double, double) Control()
    {
        delegate*<int, int> a = &Twins.ControlA, b = &Twins.ControlB;
        Both(2_000_000, a, b);
        Thread.Sleep(1000);
        return Compare(100_000, a, b);
    }

    private static (double, double) Cold()
    {
        delegate*<int, int> probed = &Twins.ColdProbed, never = &Twins.ColdNever;
        Both(4, probed, never);
        s_sink += Twins.ColdNever(2); // the probed one gets this call from the check that its probe fires
        WhileProbed(nameof(Twins.ColdProbed), "a", () => Twins.ColdProbed(2), (2 * 31) ^ 5, 1, () => Both(4, probed, never));
        return Compare(100_000, probed, never);
    }

    private static (double, double) Inlined()
    {
        delegate*<int, int> probed = &Twins.CallerOfProbed, never = &Twins.CallerOfNever;
        Both(2_000_000, probed, never);
        Thread.Sleep(1000);
        WhileProbed(nameof(Twins.InlineeProbed), "a", () => Twins.CallerOfProbed(1), 4 + 7, 2, () => Both(2_000_000, probed, never));
        return Compare(100_000, probed, never);
    }

    private static (double, double) Replaced()
    {
        const int Long = 200_000_000;
        s_sink += Twins.LoopNever(Long);
        var running = new Thread(() => s_sink += Twins.LoopProbed(Long));
        running.Start();
        Thread.Sleep(50); // inside its loop, in the code on-stack replacement moved it to (a measurement, not a test)
        WhileProbed(nameof(Twins.LoopProbed), "n", () => Twins.LoopProbed(1), 0L, 1, () =>
        {
            running.Join();
            s_sink += Twins.LoopNever(1);
        });
        return Compare(200, &Loop1000Probed, &Loop1000Never);
    }

    /// <summary>
    /// Twins from an assembly crossgen2 precompiled: a few calls run their ReadyToRun code (tiering replaces it only
    /// after 30 calls and a delay), then one is probed, called while probed and unprobed.
    /// </summary>
    private static (double, double) Precompiled()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "readytorun", "Diagnose.Benchmarks.ReadyToRun.dll");
        var type = System.Reflection.Assembly.LoadFrom(path).GetType("Diagnose.Benchmarks.ReadyToRun.PrecompiledTwins", throwOnError: true)!;
        var probed = (delegate*<int, int>)type.GetMethod("Probed")!.MethodHandle.GetFunctionPointer();
        var never = (delegate*<int, int>)type.GetMethod("Never")!.MethodHandle.GetFunctionPointer();
        Both(3, probed, never);
        s_sink += never(2); // the probed one gets this call from the check that its probe fires
        WhileProbed(type.FullName!, "Probed", "a", () => probed(2), (2 * 31) ^ 5, 1, () => Both(3, probed, never));
        return Compare(100_000, probed, never);
    }

    private static int Loop1000Probed(int _) => (int)Twins.LoopProbed(1000);

    private static int Loop1000Never(int _) => (int)Twins.LoopNever(1000);

    /// <summary>Probes the method on its call event, checks it fires, runs <paramref name="meanwhile"/>, removes it.</summary>
    private static void WhileProbed<T>(string method, string value, Func<T> check, T expected, int fires, Action meanwhile) =>
        WhileProbed(s_twins, method, value, check, expected, fires, meanwhile);

    private static void WhileProbed<T>(string type, string method, string value, Func<T> check, T expected, int fires, Action meanwhile)
    {
        var recorder = new CountingRecorder($"removal.{method}", value, InstrumentEvent.Call);
        var probe = ProbeFixture.Start($"{type}.{method}", recorder);
        var before = recorder.Count;
        var result = check();
        if (recorder.Count != before + fires || !EqualityComparer<T>.Default.Equals(result, expected))
        {
            throw new InvalidOperationException($"{method}: the probe fired {recorder.Count - before} time(s), not {fires}, or the result {result} is not {expected}");
        }

        meanwhile();
        probe.Stop();
    }

    /// <summary>Times slices of <paramref name="slice"/> calls of each, alternately, for one second; ns per call of each.</summary>
    private static (double Removed, double Never) Compare(int slice, delegate*<int, int> removed, delegate*<int, int> never)
    {
        long removedTicks = 0, neverTicks = 0, slices = 0;
        var second = Stopwatch.StartNew();
        while (second.ElapsedMilliseconds < 1000)
        {
            // Each goes first in every other pair of slices: the first of a pair measured slower (the control's ratio).
            if (slices % 2 == 0)
            {
                removedTicks += Time(slice, removed);
                neverTicks += Time(slice, never);
            }
            else
            {
                neverTicks += Time(slice, never);
                removedTicks += Time(slice, removed);
            }

            slices++;
        }

        var calls = (double)slices * slice;
        return (removedTicks * 1e9 / Stopwatch.Frequency / calls, neverTicks * 1e9 / Stopwatch.Frequency / calls);
    }

    private static long Time(int calls, delegate*<int, int> call)
    {
        var start = Stopwatch.GetTimestamp();
        long sink = 0;
        for (var i = 0; i < calls; i++)
        {
            sink += call(i);
        }

        s_sink += sink;
        return Stopwatch.GetTimestamp() - start;
    }

    private static void Both(int calls, delegate*<int, int> first, delegate*<int, int> second)
    {
        for (var i = 0; i < calls; i++)
        {
            s_sink += first(i) + second(i);
        }
    }
}
