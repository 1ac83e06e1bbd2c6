using System.Text.Json.Nodes;
using Diagnose.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace Diagnose.EndToEnd.Tests.Guardrails;

/// <summary>
/// Rate limits, max hits, the overhead budget and the counters on a Sample target Diagnose was attached to after it
/// started, driven through <c>diagnose probe add</c> as a user would.
/// </summary>
[TestFixture(TargetRuntime.Net10)]
[TestFixture(TargetRuntime.Net8)]
public sealed class GuardrailTests(TargetRuntime runtime)
{
    private const string Add13 = "Sample.Calculator.Add13";
    private const string Small = "Sample.Hot.Small";

    [Test]
    public void ADefaultLogProbeOnAHotMethodFiresItsBurstAndCountsEveryOtherCallAsDropped()
    {
        using var app = Attached();
        Assert.That(Tool("probe", "add", Pid(app), Small, "--value", "x", "--event", "call", "--id", "flood").ExitCode, Is.EqualTo(0));

        var flood = app.Send("hot 200000");
        var stats = Stats(app, "flood");

        Assert.That(flood.Result, Is.EqualTo("= 20000100000"), "the method's result is unchanged");
        Assert.That(stats.Calls, Is.EqualTo(200_000));
        Assert.That(stats.Fired + stats.DroppedRate, Is.EqualTo(stats.Calls), "every call fired or was dropped by the rate");
        Assert.That(stats.Fired, Is.GreaterThanOrEqualTo(100), "the burst");
        Assert.That(stats.Fired, Is.LessThan(20_000), "at 100 lines a second, 20 000 would take minutes");
        Assert.That(flood.ProbeLines, Has.Count.LessThanOrEqualTo((int)stats.Fired));
        Assert.That(flood.ProbeLines.Take(3), Is.EqualTo(new[] { "Probe (Sample.Hot.Small)[tags=[]] = 0", "Probe (Sample.Hot.Small)[tags=[]] = 1", "Probe (Sample.Hot.Small)[tags=[]] = 2" }));
    }

    [Test]
    public void RateZeroFiresOnEveryCall()
    {
        // 3,000 lines at once are most of what this otherwise idle target does: over the 5% CPU share, rightly.
        // --rate 0 lifts the rate limit only; this test is about the rate, so the CPU share is lifted too.
        using var app = Attached(new Dictionary<string, string> { ["DIAGNOSE_BUDGET_CPU_PERCENT"] = "0" });
        Assert.That(Tool("probe", "add", Pid(app), Small, "--value", "x", "--event", "call", "--id", "all", "--rate", "0").ExitCode, Is.EqualTo(0));

        var run = app.Send("hot 3000", 3000);
        var stats = Stats(app, "all");

        Assert.That(stats, Is.EqualTo(new Stat(3000, 3000, 0, 0, 0)));
        Assert.That(run.ProbeLines, Is.EqualTo(Enumerable.Range(0, 3000).Select(i => $"Probe (Sample.Hot.Small)[tags=[]] = {i}")));
    }

    [Test]
    public void MaxHitsFiresThatManyTimesThenTheProbeExpiresAndTheMethodIsRestored()
    {
        using var app = Attached();
        var add = Tool("probe", "add", Pid(app), Add13, "--event", "call", "--value", "arg", "--id", "five", "--max-hits", "5");
        Assert.That(add.ExitCode, Is.EqualTo(0), add.ToString());

        var lines = Enumerable.Range(1, 8).Select(i => app.Send($"add13 {i}").ProbeLines).ToList();
        var listed = WaitForStatus(app, "five", "expired");

        Assert.That(lines.Take(5).Select(l => l.Single()), Is.EqualTo(Enumerable.Range(1, 5).Select(i => $"Probe (Sample.Calculator.Add13)[tags=[]] = {i}")));
        Assert.That(lines.Skip(5), Has.All.Empty);
        Assert.That(listed["reason"]!.GetValue<string>(), Is.EqualTo("fired 5 times (max hits 5)"));
        Assert.That(listed["spec"]!["applied"]![$"{Environment.MachineName}:{app.Pid}"]!["stats"]!["fired"]!.GetValue<long>(), Is.EqualTo(5));
        var ls = Tool("probe", "ls", Pid(app));
        Assert.That(ls.Output, Does.Contain("expired: fired 5 times (max hits 5)").And.Contain("no probes: every method runs its original code"));
        Assert.That(app.Send("add13 9").Result, Is.EqualTo("= 22"));
    }

    [Test]
    public void AnExpressionOverTheCallBudgetIsSwitchedOffWithItsNumbersAndTheMethodRunsItsOriginalCode()
    {
        using var app = Attached();
        var add = Tool("probe", "add", Pid(app), Add13, "--event", "call", "--id", "runaway", "--value", "System.Linq.Enumerable.Range(0, 20000000).Where(x => x >= 0).Count()");
        Assert.That(add.ExitCode, Is.EqualTo(0), add.ToString());

        // The first fire pays for first-use work and is only watched (over a second it is switched off); the second is timed.
        var first = app.Send("add13 1");
        var second = app.Send("add13 2");
        var listed = WaitForStatus(app, "runaway", "disabled");
        var after = app.Send("add13 2");

        Assert.That(first.Result, Is.EqualTo("= 14"));
        Assert.That(second.Result, Is.EqualTo("= 15"));
        // Timed, the second fire is over the budget; on a machine so loaded that the first one runs for over a second
        // of wall time, the watchdog switches it off first. Either way the budget did it, with the numbers.
        Assert.That(listed["reason"]!.GetValue<string>(), Does.Match(@"^(its instruments took \d+ ms of CPU time on one call|one call of its instruments has been running for \d+ ms); budget 10 ms$"));
        Assert.That(after.ProbeLines, Is.Empty);
        Assert.That(after.Result, Is.EqualTo("= 15"));
        Assert.That(Tool("probe", "ls", Pid(app)).Output, Does.Contain("no probes: every method runs its original code"));
    }

    [Test]
    public void WatchShowsTheCountersOfAProbe()
    {
        using var app = Attached();
        using var watch = BackgroundTool.Start(["watch", Pid(app)]);
        watch.WaitForError(l => l.StartsWith($"watching process {app.Pid}", StringComparison.Ordinal));
        Tool("probe", "add", Pid(app), Add13, "--event", "call", "--value", "arg", "--id", "counted");

        app.Send("add13 1");
        app.Send("add13 2");
        var line = watch.WaitForOutput(l => l.Contains("spec counted on Sample.Calculator.Add13: calls 2, fired 2", StringComparison.Ordinal));

        Assert.That(line, Does.EndWith("spec counted on Sample.Calculator.Add13: calls 2, fired 2, dropped 0 (rate) 0 (full), errors 0"));
    }

    /// <summary>What dotnet-counters shows (<c>dotnet-counters monitor -p PID --counters Diagnose</c>), read as it reads it.</summary>
    [Test]
    public void AMetricsClientLikeDotnetCountersSeesEveryCounterOfTheProbe()
    {
        using var app = Attached();
        Assert.That(Tool("probe", "add", Pid(app), Add13, "--event", "call", "--value", "arg", "--id", "metered", "--rate", "2").ExitCode, Is.EqualTo(0));
        foreach (var i in Enumerable.Range(1, 4))
        {
            app.Send($"add13 {i}");
        }

        var stats = Stats(app, "metered");
        double? Value(IReadOnlyList<CounterValue> seen, string instrument, string? reason = null) =>
            seen.Where(c => c.Instrument == instrument && c.Tags.GetValueOrDefault("probe") == "metered" && (reason is null || c.Tags.GetValueOrDefault("reason") == reason))
                .Select(c => (double?)c.Value).SingleOrDefault();
        var seen = MetricsSession.ReadUntil(app.Pid, "Diagnose", s => Value(s, "diagnose.probe.calls") == 4
            && new[] { Value(s, "diagnose.probe.fired"), Value(s, "diagnose.probe.dropped", "rate"), Value(s, "diagnose.probe.dropped", "full"), Value(s, "diagnose.probe.errors") }.All(v => v is not null));

        Assert.That(stats.Calls, Is.EqualTo(4));
        Assert.That(Value(seen, "diagnose.probe.calls"), Is.EqualTo(4), string.Join("; ", seen));
        Assert.That(Value(seen, "diagnose.probe.fired"), Is.EqualTo(stats.Fired));
        Assert.That(Value(seen, "diagnose.probe.dropped", "rate"), Is.EqualTo(stats.DroppedRate));
        Assert.That(stats.Fired + stats.DroppedRate, Is.EqualTo(4));
        Assert.That(Value(seen, "diagnose.probe.dropped", "full"), Is.EqualTo(0));
        Assert.That(Value(seen, "diagnose.probe.errors"), Is.EqualTo(0));
    }

    [Test]
    public void ABadRateIsAUsageErrorThatSaysWhatItMustBe()
    {
        using var app = Attached();

        var add = Tool("probe", "add", Pid(app), Add13, "--rate", "-3");

        Assert.That(add.ExitCode, Is.EqualTo(2), add.ToString());
        Assert.That(add.Error, Does.Contain("--rate must be a number of fires per second, 0 or more (0: no limit), not -3"));
    }

    private static Stat Stats(TargetApp app, string id)
    {
        var answer = JsonNode.Parse(Tool("probe", "ls", Pid(app), "--json").Output)!;
        var detail = answer["probes"]!.AsArray().SelectMany(p => p!["details"]!.AsArray()).SingleOrDefault(d => d!["id"]!.GetValue<string>() == id)
            ?? throw new AssertionException($"probe '{id}' is not installed: {answer["specs"]!.ToJsonString()}");
        var stats = detail["stats"]!;
        long Count(string name) => stats[name]!.GetValue<long>();
        return new Stat(Count("calls"), Count("fired"), Count("droppedRate"), Count("droppedFull"), Count("errors"));
    }

    /// <summary>Lists until the spec has the status (the guardrails switch probes off on a pool thread); returns its report.</summary>
    private static JsonNode WaitForStatus(TargetApp app, string id, string status)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var answer = JsonNode.Parse(Tool("probe", "ls", Pid(app), "--json").Output)!;
            var spec = answer["specs"]!.AsArray().Single(s => s!["id"]!.GetValue<string>() == id)!;
            if (spec["status"]!.GetValue<string>() == status || DateTime.UtcNow > deadline)
            {
                Assert.That(spec["status"]!.GetValue<string>(), Is.EqualTo(status), spec.ToJsonString());
                return spec;
            }

            Thread.Sleep(100);
        }
    }

    private static string Pid(TargetApp app) => app.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static ToolRun Tool(params string[] arguments) => ToolRun.Of(arguments);

    private TargetApp Attached(IReadOnlyDictionary<string, string>? environment = null)
    {
        var app = TargetApp.Start(runtime, StartMode.Attached, environment: environment);
        Assert.That(app.Attach!.ExitCode, Is.EqualTo(0), app.Attach.ToString());
        return app;
    }

    private sealed record Stat(long Calls, long Fired, long DroppedRate, long DroppedFull, long Errors);
}
