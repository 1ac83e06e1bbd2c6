using System.Text.Json.Nodes;
using Diagnose.Guardrails;
using NUnit.Framework;

namespace Diagnose.Tests.Guardrails;

/// <summary>One instrument's guardrails as a site calls them: Enter, (condition), Begin, fire, End.</summary>
public sealed class ProbeGuardTests
{
    private static readonly GuardDefaults Defaults = new(LogRate: 100, ProcessLogRate: 1000, CallBudgetMs: 10, CpuPercent: 5);

    [Test]
    public void ALogProbeFiresAtMostItsBurstAndCountsTheRestAsDroppedByRate()
    {
        var guard = Guard(new LogInstrument("log", "1"));

        var fired = Enumerable.Range(0, 150).Count(_ => Call(guard));

        Assert.That(fired, Is.EqualTo(100));
        Assert.That(guard.Stats(), Is.EqualTo(new Diagnose.Protocol.Specs.ProbeStats(Calls: 150, Fired: 100, DroppedRate: 50, DroppedFull: 0, Errors: 0)));
    }

    [Test]
    public void RateZeroMeansEveryCallFires()
    {
        var guard = Guard(new LogInstrument("log", "1", custom: new JsonObject { ["rate"] = 0 }));

        Assert.That(Enumerable.Range(0, 5000).Count(_ => Call(guard)), Is.EqualTo(5000));
        Assert.That(guard.Stats().DroppedRate, Is.Zero);
    }

    [Test]
    public void NumbersAggregateAndAreNotLimitedByDefault()
    {
        var guard = Guard(new IncrementInstrument("count", "1"));

        Assert.That(Enumerable.Range(0, 5000).Count(_ => Call(guard)), Is.EqualTo(5000));
        Assert.That(guard.Rate, Is.Zero);
    }

    [Test]
    public void AnOwnRateReplacesTheDefaultAndLeavesTheProcessLimitAlone()
    {
        var process = new TokenBucket(10);
        var guard = new ProbeGuard(new LogInstrument("log", "1", custom: new JsonObject { ["rate"] = 30 }), Defaults, process);

        Assert.That(Enumerable.Range(0, 100).Count(_ => Call(guard)), Is.EqualTo(30));
    }

    [Test]
    public void TheProcessLimitHoldsAcrossLogProbes()
    {
        var process = new TokenBucket(150);
        var first = new ProbeGuard(new LogInstrument("a", "1"), Defaults, process);
        var second = new ProbeGuard(new LogInstrument("b", "1"), Defaults, process);

        var fired = Enumerable.Range(0, 100).Count(_ => Call(first)) + Enumerable.Range(0, 100).Count(_ => Call(second));

        Assert.That(fired, Is.EqualTo(150));
        Assert.That(first.Stats().Fired + second.Stats().Fired, Is.EqualTo(150));
    }

    [Test]
    public void ACallWhoseConditionFailsIsSeenButTakesNoToken()
    {
        var guard = Guard(new LogInstrument("log", "1"));

        for (var i = 0; i < 1000; i++)
        {
            Assert.That(guard.Enter(), Is.True); // the condition is false: Begin is never called
        }

        Assert.That(Enumerable.Range(0, 100).Count(_ => Call(guard)), Is.EqualTo(100));
        Assert.That(guard.Stats().Calls, Is.EqualTo(1100));
    }

    [Test]
    public void MaxHitsFiresThatManyTimesThenSwitchesTheInstrumentOffAsExpired()
    {
        var instrument = new LogInstrument("log", "1", custom: new JsonObject { ["maxHits"] = 5 });
        var reported = new List<string>();
        instrument.ErrorReported = (_, reason) => reported.Add(reason);
        var guard = Guard(instrument);

        var fired = Enumerable.Range(0, 20).Count(_ => instrument.IsEnabled && Call(guard));

        Assert.That(fired, Is.EqualTo(5));
        Assert.That(instrument.Error, Is.EqualTo("expired: fired 5 times (max hits 5)"));
        Assert.That(reported, Is.EqualTo(new[] { "expired: fired 5 times (max hits 5)" }));
    }

    [Test]
    public void MaxHitsIsExactWhenManyThreadsFire()
    {
        var guard = Guard(new IncrementInstrument("count", "1", custom: new JsonObject { ["maxHits"] = 1000 }));
        var fired = 0;

        Parallel.For(0, 8, _ =>
        {
            for (var i = 0; i < 1000; i++)
            {
                if (Call(guard))
                {
                    Interlocked.Increment(ref fired);
                }
            }
        });

        Assert.That(fired, Is.EqualTo(1000));
    }

    [Test]
    public void ATimedFireOverTheCallBudgetSwitchesTheInstrumentOffWithTheNumbers()
    {
        var instrument = new LogInstrument("slow", "1", custom: new JsonObject { ["budgetMs"] = 2 });
        var guard = Guard(instrument);
        guard.MarkTimed();
        Assume.That(ThreadCpu.IsAvailable, "the thread's CPU time can be read here");

        Assert.That(Call(guard), Is.True); // the first fire pays for first-use work: not held to the budget
        Assert.That(guard.Enter(), Is.True);
        var started = guard.Begin(); // the second fire is timed
        Assert.That(started, Is.GreaterThan(0));
        SpinCpu(TimeSpan.FromMilliseconds(20));
        guard.End(started);

        Assert.That(instrument.IsEnabled, Is.False);
        Assert.That(instrument.Error, Does.Match(@"^disabled: its instruments took \d+ ms of CPU time on one call; budget 2 ms$"));
    }

    [Test]
    public void TimeTheJitSpendsCompilingDuringAFireIsNotChargedToIt()
    {
        var instrument = new LogInstrument("first", "1", custom: new JsonObject { ["budgetMs"] = 2 });
        var guard = Guard(instrument);
        guard.MarkTimed();
        Assume.That(ThreadCpu.IsAvailable, "the thread's CPU time can be read here");
        var bigs = Enumerable.Range(0, 20).Select(_ => LargeMethod(20_000)).ToList(); // built outside the fire
        Assert.That(Call(guard), Is.True);
        var jitBefore = System.Runtime.JitInfo.GetCompilationTime(currentThread: true);

        Assert.That(guard.Enter(), Is.True);
        var started = guard.Begin();
        Assert.That(started, Is.GreaterThan(0));
        // Compiled here, as a first fire compiles the instrument's code: until the JIT took over twice the budget
        // (about 2.5 ms each here), so the outcome does not depend on how fast this machine compiles.
        var compiled = 0;
        while (compiled < bigs.Count && System.Runtime.JitInfo.GetCompilationTime(currentThread: true) - jitBefore <= TimeSpan.FromMilliseconds(4))
        {
            Assert.That(bigs[compiled++](), Is.EqualTo(20_000));
        }

        guard.End(started);

        var jit = System.Runtime.JitInfo.GetCompilationTime(currentThread: true) - jitBefore;
        Assert.That(jit, Is.GreaterThan(TimeSpan.FromMilliseconds(4)), $"compiling {compiled} large methods took long enough to be over the budget");
        Assert.That(instrument.IsEnabled, Is.True, instrument.Error);
    }

    [Test]
    public void TheFirstFireIsNotHeldToTheCallBudget()
    {
        var instrument = new LogInstrument("first", "1", custom: new JsonObject { ["budgetMs"] = 2 });
        var guard = Guard(instrument);
        guard.MarkTimed();
        Assume.That(ThreadCpu.IsAvailable, "the thread's CPU time can be read here");

        Assert.That(guard.Enter(), Is.True);
        var started = guard.Begin();
        Assert.That(started, Is.GreaterThan(0), "the first fire is watched");
        SpinCpu(TimeSpan.FromMilliseconds(20)); // as a first fire's type loads and static constructors may take
        guard.End(started);

        Assert.That(instrument.IsEnabled, Is.True, instrument.Error);
    }

    [Test]
    public void AFireUnderTheBudgetLeavesTheInstrumentOn()
    {
        var instrument = new LogInstrument("quick", "1");
        var guard = Guard(instrument);
        guard.MarkTimed();

        for (var i = 0; i < 50; i++)
        {
            Call(guard);
        }

        Assert.That(instrument.IsEnabled, Is.True);
    }

    [Test]
    public void AnUntimedSiteIsNeverTimed()
    {
        var guard = Guard(new IncrementInstrument("count", "1"));

        Assert.That(guard.Enter(), Is.True);
        Assert.That(guard.Begin(), Is.Zero);
    }

    [TestCase("rate", "\"fast\"", "'instrument.custom.rate' must be a number of fires per second, 0 or more (0: no limit), got \"fast\"")]
    [TestCase("rate", "-1", "'instrument.custom.rate' must be a number of fires per second, 0 or more (0: no limit), got -1")]
    [TestCase("maxHits", "2.5", "'instrument.custom.maxHits' must be a whole number of fires, 1 or more, got 2.5")]
    [TestCase("budgetMs", "0", "'instrument.custom.budgetMs' must be a number of milliseconds greater than 0, got 0")]
    [TestCase("cpuPercent", "101", "'instrument.custom.cpuPercent' must be a percentage from 0 to 100 (0: no limit), got 101")]
    public void ABadSettingIsAnInstrumentErrorNamingItsKey(string key, string json, string error)
    {
        var instrument = new LogInstrument("log", "1", custom: new JsonObject { [key] = JsonNode.Parse(json) });

        Assert.That(() => Guard(instrument), Throws.TypeOf<InstrumentException>().With.Message.EqualTo(error));
    }

    [Test]
    public void EnvironmentDefaultsAreReadAndBadOnesKeptAtTheirDefaultWithAWarning()
    {
        var warnings = new List<string>();
        var values = new Dictionary<string, string> { ["DIAGNOSE_LOG_RATE"] = "20", ["DIAGNOSE_BUDGET_CALL_MS"] = "soon" };

        var defaults = GuardDefaults.FromEnvironment(n => values.GetValueOrDefault(n), warnings.Add);

        Assert.That(defaults, Is.EqualTo(new GuardDefaults(20, 1000, 10, 5)));
        Assert.That(warnings, Is.EqualTo(new[] { "DIAGNOSE_BUDGET_CALL_MS=soon is ignored: it must be a number of milliseconds greater than 0; using 10" }));
    }

    internal static ProbeGuard Guard(Instrument instrument) => new(instrument, Defaults, new TokenBucket(1000));

    /// <summary>A call whose condition holds: true when it fired.</summary>
    internal static bool Call(ProbeGuard guard, Action? fire = null)
    {
        if (!guard.Enter())
        {
            return false;
        }

        var started = guard.Begin();
        if (started < 0)
        {
            return false;
        }

        fire?.Invoke();
        guard.End(started);
        return true;
    }

    /// <summary>A method of <paramref name="adds"/> additions, not compiled yet: its first call runs the JIT for a while.</summary>
    private static Func<int> LargeMethod(int adds)
    {
        var method = new System.Reflection.Emit.DynamicMethod("Large", typeof(int), Type.EmptyTypes);
        var il = method.GetILGenerator();
        il.Emit(System.Reflection.Emit.OpCodes.Ldc_I4_0);
        for (var i = 0; i < adds; i++)
        {
            il.Emit(System.Reflection.Emit.OpCodes.Ldc_I4_1);
            il.Emit(System.Reflection.Emit.OpCodes.Add);
        }

        il.Emit(System.Reflection.Emit.OpCodes.Ret);
        return method.CreateDelegate<Func<int>>();
    }

    internal static void SpinCpu(TimeSpan time)
    {
        var start = ThreadCpu.Nanoseconds();
        while (ThreadCpu.Nanoseconds() - start < time.TotalMilliseconds * 1_000_000)
        {
        }
    }
}
