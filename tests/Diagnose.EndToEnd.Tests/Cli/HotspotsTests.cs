using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Diagnose.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace Diagnose.EndToEnd.Tests.Cli;

/// <summary>
/// <c>diagnose hotspots</c> on a running Sample target Diagnose was attached to: the calls the test makes are the
/// calls it reports, the line that sleeps has the most time, the probe is gone afterwards (stopped, timed out or
/// killed), and bad input is refused with what to do. The command runs until SIGTERM in the tests that make calls,
/// so every call is made while its probe is on and none after.
/// </summary>
[TestFixture(TargetRuntime.Net10)]
[TestFixture(TargetRuntime.Net8)]
public sealed class HotspotsTests(TargetRuntime runtime)
{
    private const string Step = "Sample.Heat.Step";
    private static readonly Regex s_row = new(@"^ *(?<line>\d+)  +(?<calls>\d+)  +(?<runs>\d+)  +\S+ \S+  +\S+ \S+  (?<heat>[█▏▎▍▌▋▊▉ ]{10})  (?<source>.*)$", RegexOptions.Multiline);

    [Test]
    public void TheSleepingLineHasTheFullHeatBarAndEveryLineCountsTheCallsMade()
    {
        using var app = Attached();
        using var hotspots = Hotspots(app, Step, "--seconds", "600");

        var calls = app.Send("heat 5");
        var exit = hotspots.Stop();

        Assert.That(exit, Is.EqualTo(0), hotspots.ToString());
        Assert.That(calls.Result, Is.EqualTo("= 30"), "the method's results are unchanged");
        Assert.That(calls.Lines, Has.None.StartsWith("Probe ("), "the timing probe writes to the channel only, not to the target's stdout");
        var output = string.Join("\n", hotspots.Output);
        Assert.That(hotspots.Output[0], Is.EqualTo($"hotspots of {Step} in process {app.Pid} (Heat.cs:{HotLine - 1}-{HotLine + 2})"));
        Assert.That(hotspots.Output[1], Does.Match(@"^5 calls seen in [0-9.]+ s \(stopped early\), none dropped$"));
        var rows = s_row.Matches(output).ToDictionary(m => int.Parse(m.Groups["line"].Value, CultureInfo.InvariantCulture));
        Assert.That(rows.Keys, Is.EqualTo(new[] { HotLine - 1, HotLine, HotLine + 1, HotLine + 2 }), output);
        Assert.That(rows.Values.Select(r => (r.Groups["calls"].Value, r.Groups["runs"].Value)), Is.All.EqualTo(("5", "5")));
        Assert.That(rows[HotLine].Groups["heat"].Value, Is.EqualTo("██████████"), "the hottest line fills the bar");
        Assert.That(rows[HotLine].Groups["source"].Value, Does.StartWith("    Thread.Sleep(20);"));
        Assert.That(rows.Where(r => r.Key != HotLine).Select(r => r.Value.Groups["heat"].Value), Has.None.EqualTo("██████████"));
        Assert.That(output, Does.Contain("public static int Step(int n)"), "the declaration is shown above the code");
        AssertNoProbeLeft(app);
    }

    [Test]
    public void JsonHasTheSameFiguresAndTheSleepingLineHasTheLargestTotal()
    {
        using var app = Attached();
        using var hotspots = Hotspots(app, Step, "--seconds", "600", "--json");

        Assert.That(app.Send("heat 3").Result, Is.EqualTo("= 12"));
        Assert.That(hotspots.Stop(), Is.EqualTo(0), hotspots.ToString());

        var report = JsonNode.Parse(string.Join("\n", hotspots.Output))!;
        Assert.That(report["target"]!.GetValue<string>(), Is.EqualTo(Step));
        Assert.That(report["pid"]!.GetValue<int>(), Is.EqualTo(app.Pid));
        Assert.That(report["file"]!.GetValue<string>(), Does.EndWith("Heat.cs"));
        Assert.That(report["stopped"]!.GetValue<string>(), Is.EqualTo("stopped early"));
        Assert.That(report["calls"]!["seen"]!.GetValue<long>(), Is.EqualTo(3));
        Assert.That(report["calls"]!["made"]!.GetValue<long>(), Is.EqualTo(3));
        Assert.That(report["calls"]!["dropped"]!.GetValue<long>(), Is.EqualTo(0));
        Assert.That(report["sample"]!.GetValue<bool>(), Is.False);
        var code = report["lines"]!.AsArray().Where(l => l!["code"]!.GetValue<bool>()).ToList();
        Assert.That(code.Select(l => l!["line"]!.GetValue<int>()), Is.EqualTo(new[] { HotLine - 1, HotLine, HotLine + 1, HotLine + 2 }));
        Assert.That(code.Select(l => l!["calls"]!.GetValue<long>()), Is.All.EqualTo(3));
        var hottest = code.MaxBy(l => l!["totalSeconds"]!.GetValue<double>())!;
        Assert.That(hottest["line"]!.GetValue<int>(), Is.EqualTo(HotLine));
        Assert.That(hottest["source"]!.GetValue<string>().Trim(), Is.EqualTo("Thread.Sleep(20); // the hot line"));
        AssertNoProbeLeft(app);
    }

    [Test]
    public void CallsTheRateLimitDroppedAreCountedAndTheFiguresAreASample()
    {
        using var app = Attached();
        using var hotspots = Hotspots(app, "Sample.Hot.Small", "--seconds", "600", "--json");

        Assert.That(app.Send("hot 200000").Result, Is.EqualTo("= 20000100000"));
        Assert.That(hotspots.Stop(), Is.EqualTo(0), hotspots.ToString());

        var calls = JsonNode.Parse(string.Join("\n", hotspots.Output))!["calls"]!;
        long Count(string name) => calls[name]!.GetValue<long>();
        Assert.That(Count("made"), Is.EqualTo(200_000));
        Assert.That(Count("seen") + Count("droppedRate") + Count("droppedFull") + Count("missing"), Is.EqualTo(200_000), calls.ToJsonString());
        Assert.That(Count("droppedRate"), Is.GreaterThan(0), "at 100 lines a second, 200 000 would take half an hour");
        Assert.That(JsonNode.Parse(string.Join("\n", hotspots.Output))!["sample"]!.GetValue<bool>(), Is.True);
        AssertNoProbeLeft(app);
    }

    [Test]
    public void WhenTheTimeIsUpItPrintsWhatItSawAndRemovesTheProbe()
    {
        using var app = Attached();

        var run = ToolRun.Of("hotspots", Pid(app), Step, "--seconds", "1");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Output, Does.Match(@"(?m)^0 calls seen in [0-9.]+ s \(time up\), none dropped$"));
        Assert.That(run.Output, Does.Contain($"no call of {Step} returned while the probe was on"));
        AssertNoProbeLeft(app);
        Assert.That(app.Send("heat 1").ProbeLines, Is.Empty, "the method runs its original code");
    }

    [Test]
    public void AKilledCommandLeavesAProbeThatExpiresByItself()
    {
        using var app = Attached();
        var hotspots = Hotspots(app, Step, "--seconds", "10");
        hotspots.Dispose(); // SIGKILL, long before its 10 s are over: nothing of the command's own clean-up runs

        // The command had installed its probe (it said "timing the lines of"); its lifespan is the collection plus 10 s, counted from when the command wrote it.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        JsonNode listing;
        do
        {
            Thread.Sleep(500);
            listing = JsonNode.Parse(ToolRun.Of("probe", "ls", Pid(app), "--json").Output)!;
        }
        while (listing["probes"]!.AsArray().Count > 0 && DateTime.UtcNow < deadline);

        Assert.That(listing["probes"]!.AsArray(), Is.Empty, listing.ToJsonString());
        Assert.That(listing["specs"]!.AsArray().Select(s => s!["status"]!.GetValue<string>()), Is.EqualTo(new[] { "expired" }), "the probe the killed command left ended by its lifespan");
        Assert.That(app.Send("heat 1").Result, Is.EqualTo("= 2"));
    }

    [TestCase("0")]
    [TestCase("-3")]
    [TestCase("1e9")]
    public void SecondsOutOfRangeAreAUsageError(string seconds)
    {
        var run = ToolRun.Of("hotspots", "99999999", Step, "--seconds", seconds);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Error, Does.Contain($"--seconds must be more than 0 and at most 3600 (an hour), not {seconds}"));
    }

    [Test]
    public void NoSuchProcessSaysHowToFindOne()
    {
        var run = ToolRun.Of("hotspots", "99999999", Step);

        Assert.That(run.ExitCode, Is.EqualTo(3), run.ToString());
        Assert.That(run.Error, Is.EqualTo("diagnose: process 99999999 was not found; 'diagnose ps' lists the .NET processes you can reach\n"));
    }

    [Test]
    public void BadTargetsAreRefusedBeforeAnyProbeIsAdded()
    {
        using var app = Attached();

        var misspelt = ToolRun.Of("hotspots", Pid(app), "Sample.Heat.Stpe");
        var ambiguous = ToolRun.Of("hotspots", Pid(app), "Sample.Heat.Scale");
        var noSymbols = ToolRun.Of("hotspots", Pid(app), "System.String.IsNullOrEmpty");
        var line = ToolRun.Of("hotspots", Pid(app), "Heat.cs:9");

        Assert.That(misspelt.ExitCode, Is.EqualTo(1), misspelt.ToString());
        Assert.That(misspelt.Error, Is.EqualTo($"diagnose: 'Sample.Heat' does not have a method 'Stpe'; did you mean Sample.Heat.Step?\n'diagnose methods {app.Pid} Sample.Heat' lists the methods that can be probed\n"));
        Assert.That(ambiguous.ExitCode, Is.EqualTo(1), ambiguous.ToString());
        Assert.That(ambiguous.Error, Does.Contain("'Sample.Heat.Scale' names 2 methods: Sample.Heat.Scale(int), Sample.Heat.Scale(double); hotspots times one: give it with its parameter types"));
        Assert.That(noSymbols.ExitCode, Is.EqualTo(1), noSymbols.ToString());
        Assert.That(noSymbols.Error, Does.Contain("'System.String.IsNullOrEmpty' has no source lines: System.Private.CoreLib.dll has no portable PDB").And.Contain("deploy the .pdb beside the .dll"));
        Assert.That(line.ExitCode, Is.EqualTo(2), line.ToString());
        Assert.That(line.Error, Does.Contain("hotspots times a whole method: give its name"));
        AssertNoProbeLeft(app);
    }

    [Test]
    public void AProcessWithoutDiagnoseIsToldToAttachFirst()
    {
        using var app = TargetApp.Start(runtime, StartMode.Attached, attachNow: false);

        var run = ToolRun.Of("hotspots", Pid(app), Step);

        Assert.That(run.ExitCode, Is.EqualTo(3), run.ToString());
        Assert.That(run.Error, Does.Contain($"Diagnose is not loaded in process {app.Pid}; load it first with 'diagnose attach {app.Pid}'"));
    }

    /// <summary>The line of Heat.Step that sleeps.</summary>
    private static int HotLine { get; } = File.ReadAllLines(Path.Combine(Installation.Root, "tests", "targets", "Sample", "Heat.cs"))
        .Select((text, index) => (text, number: index + 1)).Single(l => l.text.Contains("// the hot line", StringComparison.Ordinal)).number;

    private static string Pid(TargetApp app) => app.Pid.ToString(CultureInfo.InvariantCulture);

    private static void AssertNoProbeLeft(TargetApp app)
    {
        var listing = JsonNode.Parse(ToolRun.Of("probe", "ls", Pid(app), "--json").Output)!;
        Assert.That(listing["specs"]!.AsArray(), Is.Empty, listing.ToJsonString());
        Assert.That(listing["probes"]!.AsArray(), Is.Empty, listing.ToJsonString());
    }

    /// <summary>The command, once its probe is installed (it says so on standard error).</summary>
    private static BackgroundTool Hotspots(TargetApp app, params string[] arguments)
    {
        var tool = BackgroundTool.Start(["hotspots", Pid(app), .. arguments]);
        tool.WaitForError(l => l.StartsWith("timing the lines of ", StringComparison.Ordinal));
        return tool;
    }

    private TargetApp Attached()
    {
        var app = TargetApp.Start(runtime, StartMode.Attached);
        Assert.That(app.Attach!.ExitCode, Is.EqualTo(0), app.Attach.ToString());
        return app;
    }
}
