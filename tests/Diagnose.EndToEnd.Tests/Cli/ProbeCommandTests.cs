using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Diagnose.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace Diagnose.EndToEnd.Tests.Cli;

/// <summary>
/// The out-of-band commands on a running Sample target that Diagnose was attached to after it started: probes added,
/// listed, removed and expiring through the agent's channel, their output streamed by <c>diagnose watch</c>.
/// </summary>
[TestFixture(TargetRuntime.Net10)]
[TestFixture(TargetRuntime.Net8)]
public sealed class ProbeCommandTests(TargetRuntime runtime)
{
    private const string Add13 = "Sample.Calculator.Add13";

    [Test]
    public void AReturnProbeAddedToARunningProcessShowsItsResultInWatchAtTheNextCall()
    {
        using var app = Attached();
        using var watch = Watch(app);

        var add = Tool("probe", "add", Pid(app), Add13, "--value", "result", "--id", "add");
        var call = app.Send("add13 5");
        var clock = Stopwatch.StartNew();
        var line = watch.WaitForOutput(l => l.Contains("Probe (Sample.Calculator.Add13)", StringComparison.Ordinal));

        Assert.That(add.ExitCode, Is.EqualTo(0), add.ToString());
        Assert.That(add.Output, Is.EqualTo($"add\t{Add13}\tinstalled\n"));
        Assert.That(call.Result, Is.EqualTo("= 18"));
        Assert.That(call.ProbeLines, Is.EqualTo(new[] { "Probe (Sample.Calculator.Add13)[tags=[]] = 18" }));
        Assert.That(line, Does.EndWith(" Probe (Sample.Calculator.Add13)[tags=[]] = 18"));
        TestContext.Out.WriteLine($"watch showed the line {clock.ElapsedMilliseconds} ms after the call returned");
    }

    [Test]
    public void ProbeLsShowsTheProbeInstalledWithItsAppliedEntry()
    {
        using var app = Attached();
        Assert.That(Tool("probe", "add", Pid(app), Add13, "--id", "add", "--name", "adder").ExitCode, Is.EqualTo(0));

        var table = Tool("probe", "ls", Pid(app));
        var json = Tool("probe", "ls", Pid(app), "--json");

        Assert.That(table.ExitCode, Is.EqualTo(0), table.ToString());
        Assert.That(table.Output, Does.Match($@"(?m)^add +channel +{Add13} +log adder = result on return +installed +\{{""lm"":""[0-9T:.-]+Z"",""err"":null\}}$"));
        Assert.That(table.Output, Does.Match($@"(?m)^{Add13} +installed +0 +0 +0 +0 +0 +add$"));
        var answer = JsonNode.Parse(json.Output)!;
        var spec = answer["specs"]!.AsArray().Single()!;
        var key = $"{Environment.MachineName}:{app.Pid}";
        Assert.That(answer["agent"]!["process"]!.GetValue<string>(), Is.EqualTo(key));
        Assert.That(spec["status"]!.GetValue<string>(), Is.EqualTo("installed"));
        Assert.That(spec["spec"]!["applied"]![key]!["err"], Is.Null);
        Assert.That(spec["spec"]!["applied"]![key]!["lm"]!.GetValue<string>(), Is.EqualTo(spec["spec"]!["lastmodified"]!.GetValue<string>()));
    }

    [Test]
    public void ProbeRmStopsTheOutputAndRestoresTheMethod()
    {
        using var app = Attached();
        using var watch = Watch(app);
        Tool("probe", "add", Pid(app), Add13, "--id", "add", "--event", "call");
        Assert.That(app.Send("add13 1").ProbeLines, Has.Count.EqualTo(1));
        watch.WaitForOutput(l => l.Contains("Probe (", StringComparison.Ordinal));

        var rm = Tool("probe", "rm", Pid(app), "add");
        var mark = watch.Output.Count;
        var after = app.Send("add13 2");
        var ls = Tool("probe", "ls", Pid(app));

        // A marker probe's line, from a later call on the same thread, comes after anything that call could show.
        Assert.That(Tool("probe", "add", Pid(app), Add13, "--id", "mark", "--name", "marker", "--event", "call").ExitCode, Is.EqualTo(0));
        Assert.That(app.Send("add13 3").ProbeLines, Has.Count.EqualTo(1));
        var marker = watch.WaitForOutput(l => l.Contains("Probe (marker)", StringComparison.Ordinal), from: mark);
        var between = watch.Output.Skip(mark).TakeWhile(l => !ReferenceEquals(l, marker));

        Assert.That(rm.ExitCode, Is.EqualTo(0), rm.ToString());
        Assert.That(rm.Output, Is.EqualTo($"add\t{Add13}\tremoved\n"));
        Assert.That(after.ProbeLines, Is.Empty);
        Assert.That(after.Result, Is.EqualTo("= 15"));
        Assert.That(ls.Output, Does.Contain("no specs in process").And.Contain("no probes: every method runs its original code"));
        Assert.That(between.Where(l => l.Contains("Probe (", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public void ALifespanEndsTheProbeByItself()
    {
        using var app = Attached();
        var requested = DateTime.UtcNow;
        var add = Tool("probe", "add", Pid(app), Add13, "--id", "brief", "--event", "call", "--lifespan", "0.1", "--rate", "0");
        Assert.That(add.ExitCode, Is.EqualTo(0), add.ToString());
        Assert.That(app.Send("add13 1").ProbeLines, Has.Count.EqualTo(1));

        // 0.1 minutes = 6 s from the probe's lastmodified, which the tool sets when it writes the spec.
        var after = app.SendUntil("add13 2", r => r.ProbeLines.Count == 0);
        var ended = DateTime.UtcNow - requested;
        var ls = JsonNode.Parse(Tool("probe", "ls", Pid(app), "--json").Output)!;

        Assert.That(after.ProbeLines, Is.Empty, "the probe outlived its lifespan");
        Assert.That(ended, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(6)), "the probe ended before its lifespan was over");
        Assert.That(after.Result, Is.EqualTo("= 15"));
        Assert.That(ls["specs"]![0]!["status"]!.GetValue<string>(), Is.EqualTo("expired"));
        Assert.That(ls["probes"]!.AsArray(), Is.Empty, "the method runs its original code again");
    }

    [Test]
    public void OneBadSpecDoesNotStopTheGoodOneAndTheTargetKeepsServing()
    {
        using var app = Attached();
        using var specs = new SpecFile()
            .Add("good", Add13, "arg", @event: "call")
            .Add("unknown-type", "Sample.Calculator.Square", "x", type: "nope")
            .Add("unknown-member", "Sample.Calculator.Nope", "result")
            .Add("syntax", "Sample.Calculator.Square", "len(x))")
            .Save();

        var apply = Tool("apply", Pid(app), specs.Path);

        Assert.That(apply.ExitCode, Is.EqualTo(1), apply.ToString());
        Assert.That(apply.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[]
        {
            $"good\t{Add13}\tinstalled",
            "unknown-type\tSample.Calculator.Square\terror: unknown instrument type 'nope' (known: log, hist, incr, gauge, test, snapshot)",
            "unknown-member\tSample.Calculator.Nope\terror: 'Sample.Calculator' does not have a method 'Nope'",
            "syntax\tSample.Calculator.Square\terror: unexpected ')' at 6 in \"len(x))\"",
        }));
        Assert.That(app.Send("add13 5").ProbeLines, Is.EqualTo(new[] { "Probe (good)[tags=[]] = 5" }));
        Assert.That(app.Send("square 3").Result, Is.EqualTo("= 9"));
    }

    [Test]
    public void TwoControllersOneAfterTheOtherEndInTheLastSpecSet()
    {
        using var app = Attached();
        using var first = new SpecFile().Add("a1", Add13, "arg", @event: "call").Add("a2", "Sample.Calculator.Square", "x", @event: "call").Save();
        using var second = new SpecFile().Add("b1", "Sample.Calculator.Greet", "name", @event: "call").Save();

        var one = Tool("apply", Pid(app), first.Path);
        var two = Tool("apply", Pid(app), second.Path);
        var ls = JsonNode.Parse(Tool("probe", "ls", Pid(app), "--json").Output)!;

        Assert.That(one.ExitCode, Is.EqualTo(0), one.ToString());
        Assert.That(two.ExitCode, Is.EqualTo(0), two.ToString());
        Assert.That(two.Output, Does.Contain("a1\tSample.Calculator.Add13\tremoved").And.Contain("b1\tSample.Calculator.Greet\tinstalled"));
        Assert.That(ls["specs"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()), Is.EqualTo(new[] { "b1" }));
        Assert.That(app.Send("add13 1").ProbeLines, Is.Empty);
        Assert.That(app.Send("square 2").ProbeLines, Is.Empty);
        Assert.That(app.Send("greet ab 2").ProbeLines, Is.EqualTo(new[] { "Probe (b1)[tags=[]] = ab" }));
    }

    [Test]
    public void TwoControllersAtOnceBothGetTheirOwnAnswers()
    {
        using var app = Attached();

        var runs = new[] { ("x", Add13), ("y", "Sample.Calculator.Square") }
            .Select(p => Task.Run(() => Tool("probe", "add", Pid(app), p.Item2, "--id", p.Item1, "--event", "call")))
            .ToArray();
        Task.WaitAll(runs);

        Assert.That(runs[0].Result.Output, Is.EqualTo($"x\t{Add13}\tinstalled\n"), runs[0].Result.ToString());
        Assert.That(runs[1].Result.Output, Is.EqualTo("y\tSample.Calculator.Square\tinstalled\n"), runs[1].Result.ToString());
        Assert.That(app.Send("add13 1").ProbeLines, Has.Count.EqualTo(1));
        Assert.That(app.Send("square 2").ProbeLines, Has.Count.EqualTo(1));
    }

    [Test]
    public void IncrAndHistValuesReachStatsdAndTheWatch()
    {
        using var app = Attached();
        using var statsd = new StatsdListener();
        using var watch = Watch(app, "--statsd", statsd.Address);
        Assert.That(Tool("probe", "add", Pid(app), "Sample.Checkout.Submit", "--type", "incr", "--name", "orders", "--tags", "new { region = order.Customer.Region }", "--id", "count").ExitCode, Is.EqualTo(0));
        Assert.That(Tool("probe", "add", Pid(app), "Sample.Checkout.Submit", "--type", "hist", "--name", "order.total", "--value", "order.Total", "--id", "total").ExitCode, Is.EqualTo(0));

        Assert.That(app.Send("submit 1 bob eu 12.5").Result, Is.EqualTo("= 12.5"));

        Assert.That(watch.WaitForOutput(l => l.Contains("incr orders", StringComparison.Ordinal)), Does.EndWith("incr orders = 1 [region:eu]"));
        Assert.That(watch.WaitForOutput(l => l.Contains("hist order.total", StringComparison.Ordinal)), Does.EndWith("hist order.total = 12.5 []"));
        Assert.That(statsd.WaitFor(d => d.StartsWith("orders:", StringComparison.Ordinal)), Is.EqualTo("orders:1|c|#region:eu"));
        Assert.That(statsd.WaitFor(d => d.StartsWith("order.total:", StringComparison.Ordinal)), Is.EqualTo("order.total:12.5|h"));
    }

    [Test]
    public void AMisspeltTargetIsAnErrorWithTheClosestNamesAndATypeNotLoadedYetSaysWhichAssemblyItWaitsFor()
    {
        using var app = Attached();

        var method = Tool("probe", "add", Pid(app), "Sample.Calculator.Add31", "--id", "method");
        var type = Tool("probe", "add", Pid(app), "Sample.Calculatr.Add13", "--id", "type");
        var later = Tool("probe", "add", Pid(app), "System.Web.HttpUtility.HtmlEncode", "--id", "later");

        Assert.That(method.ExitCode, Is.EqualTo(1), method.ToString());
        Assert.That(method.Output, Is.EqualTo("method\tSample.Calculator.Add31\terror: 'Sample.Calculator' does not have a method 'Add31'; did you mean Sample.Calculator.Add13?\n"));
        Assert.That(type.ExitCode, Is.EqualTo(1), type.ToString());
        Assert.That(type.Output, Does.StartWith("type\tSample.Calculatr.Add13\terror: type 'Sample.Calculatr' was not found; did you mean Sample.Calculator?"));
        Assert.That(later.Output, Is.EqualTo("later\tSystem.Web.HttpUtility.HtmlEncode\tpending: type 'System.Web.HttpUtility' is in assembly 'System.Web.HttpUtility', which is not loaded yet\n"), later.ToString());
        Assert.That(app.Send("add13 1").Result, Is.EqualTo("= 14"));
    }

    [Test]
    public void AttachingAgainWithSpecsSendsThemThroughTheChannel()
    {
        using var app = Attached();
        using var specs = new SpecFile().Add("good", Add13, "arg", @event: "call").Add("typo", "Sample.Calculator.Sumbit", "result").Save();

        var again = Tool("attach", Pid(app), "--specs", specs.Path);

        Assert.That(again.ExitCode, Is.EqualTo(1), again.ToString());
        Assert.That(again.Output, Does.StartWith($"attached to process {app.Pid} (Diagnose was loaded already"));
        Assert.That(again.Output, Does.Contain($"good\t{Add13}\tinstalled").And.Contain("typo\tSample.Calculator.Sumbit\terror: 'Sample.Calculator' does not have a method 'Sumbit'"));
        Assert.That(specs.WaitApplied(app.Pid, "good"), Is.Null, "the process writes back into the file as with DIAGNOSE_SPECS");
        Assert.That(app.Send("add13 5").ProbeLines, Is.EqualTo(new[] { "Probe (good)[tags=[]] = 5" }));
        Assert.That(Tool("probe", "ls", Pid(app)).Output, Does.Contain(specs.Path));
    }

    [Test]
    public void WatchWritesJsonLinesToAFileAndEndsWithExitCode3WhenTheProcessEnds()
    {
        using var app = Attached();
        var directory = Directory.CreateTempSubdirectory("diagnose-watch-e2e-").FullName;
        try
        {
            using var watch = Watch(app, "--json", "--out", Path.Combine(directory, "probes.log"));
            Tool("probe", "add", Pid(app), Add13, "--id", "add");
            app.Send("add13 1");
            var file = WaitForFile(directory, text => text.Contains("\"Kind\":\"log\"", StringComparison.Ordinal));

            app.Exit();

            Assert.That(watch.WaitForExit(), Is.EqualTo(3), watch.ToString());
            Assert.That(watch.Errors, Has.Some.EqualTo($"diagnose: process {app.Pid} has ended"));
            var log = File.ReadAllLines(file).Select(l => JsonDocument.Parse(l)).Single(d => d.RootElement.GetProperty("Properties").GetProperty("Kind").GetString() == "log");
            Assert.That(log.RootElement.GetProperty("RenderedMessage").GetString(), Is.EqualTo("Probe (Sample.Calculator.Add13)[tags=[]] = 14"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public void WatchStopsCleanlyOnSigterm()
    {
        using var app = Attached();
        using var watch = Watch(app);

        Assert.That(watch.Stop(), Is.EqualTo(0), watch.ToString());
        Assert.That(app.Send("add13 1").Result, Is.EqualTo("= 14"));
    }

    private static string Pid(TargetApp app) => app.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static ToolRun Tool(params string[] arguments) => ToolRun.Of(arguments);

    private static BackgroundTool Watch(TargetApp app, params string[] options)
    {
        var watch = BackgroundTool.Start(["watch", Pid(app), .. options]);
        watch.WaitForError(l => l.StartsWith($"watching process {app.Pid}", StringComparison.Ordinal));
        return watch;
    }

    private static string WaitForFile(string directory, Func<string, bool> match)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            foreach (var file in Directory.GetFiles(directory))
            {
                if (match(File.ReadAllText(file)))
                {
                    return file;
                }
            }

            Thread.Sleep(100);
        }

        throw new TimeoutException($"nothing was written into {directory}");
    }

    private TargetApp Attached()
    {
        var app = TargetApp.Start(runtime, StartMode.Attached);
        Assert.That(app.Attach!.ExitCode, Is.EqualTo(0), app.Attach.ToString());
        return app;
    }
}
