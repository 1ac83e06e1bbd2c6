using System.Text.Json.Nodes;
using Diagnose.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace Diagnose.EndToEnd.Tests.Snapshots;

/// <summary>
/// Exception snapshots (issue 12, part 3): <c>probe add PID --exceptions PATTERN</c> on a real process. The first
/// throw at a site gives the exception and the stack, and instruments the throwing method; the next throw gives the
/// frame with its arguments and this; then one a minute per type and site.
/// </summary>
[TestFixture(TargetRuntime.Net10, StartMode.Launched)]
[TestFixture(TargetRuntime.Net8, StartMode.Attached)]
public sealed class ExceptionSnapshotTests(TargetRuntime runtime, StartMode mode)
{
    [Test]
    public void TheFirstThrowGivesTheStackTheNextTheFrameAndThenNothingForAMinute()
    {
        using var app = Started();

        var add = Tool("probe", "add", Pid(app), "--exceptions", "System.DivideByZeroException", "--id", "ex");
        var first = app.Send("divide 1 0");
        WaitForSiteProbe(app, "Sample.Calculator.Divide");
        var second = app.Send("divide 2 0");
        var third = app.Send("divide 3 0");
        var other = app.Send("add13 x"); // a FormatException: not of the pattern

        Assert.That(add.Output, Is.EqualTo("ex\texceptions:System.DivideByZeroException\tinstalled\n"), add.ToString());
        var stack = JsonNode.Parse(first.Snapshots.Single())!;
        Assert.That(stack["event"]!.GetValue<string>(), Is.EqualTo("exception"));
        Assert.That(stack["method"]!.GetValue<string>(), Is.EqualTo("Sample.Calculator.Divide"));
        Assert.That(stack["exception"]!["$type"]!.GetValue<string>(), Is.EqualTo("System.DivideByZeroException"));
        Assert.That(stack["exception"]!["message"]!.GetValue<string>(), Is.EqualTo("cannot divide 1 by zero"));
        Assert.That(stack["stack"]![0]!.GetValue<string>(), Does.Match(@"^Sample\.Calculator\.Divide \(Calculator\.cs:\d+\)$"));
        Assert.That(stack["notCaptured"]![0]!.GetValue<string>(), Does.StartWith("arguments, this and locals: the first throw at this site"));
        Assert.That(stack.AsObject().ContainsKey("args"), Is.False);
        var frame = JsonNode.Parse(second.Snapshots.Single())!;
        Assert.That(frame["event"]!.GetValue<string>(), Is.EqualTo("exception"));
        Assert.That(frame["args"]!.ToJsonString(), Is.EqualTo("""{"a":2,"b":0}"""));
        Assert.That(frame["this"]!["$type"]!.GetValue<string>(), Is.EqualTo("Sample.Calculator"));
        Assert.That(frame["exception"]!["message"]!.GetValue<string>(), Is.EqualTo("cannot divide 2 by zero"));
        Assert.That(third.Snapshots, Is.Empty, "one snapshot of a frame per type and site a minute");
        Assert.That(other.Snapshots, Is.Empty, "FormatException does not match the pattern");
        Assert.That(new[] { first.Result, second.Result, third.Result }, Has.All.StartWith("! DivideByZeroException: cannot divide"), "the exceptions go on unchanged");
        Assert.That(other.Result, Does.StartWith("! FormatException:"));
    }

    [Test]
    public void AnExceptionFromTheFrameworkIsTracedToTheAppFrameItPassesThroughAndRemovingTheProbeRestoresIt()
    {
        using var specs = new SpecFile().Add("parse", "exceptions:System.*Exception", "snapshot", type: "snapshot", custom: new JsonObject { ["everySeconds"] = 0 }).Save();
        using var app = TargetApp.Start(runtime, mode, specs.Path);
        Assert.That(specs.WaitApplied(app.Pid, "parse"), Is.Null);

        var first = app.Send("add13 x");
        WaitForSiteProbe(app, "Sample.Commands.Run");
        var second = app.Send("add13 y");
        var third = app.Send("add13 z");
        specs.Remove("parse").Save();
        WaitUntilGone(app);
        var after = app.Send("add13 w");

        Assert.That(JsonNode.Parse(first.Snapshots.Single())!["method"]!.GetValue<string>(), Is.EqualTo("Sample.Commands.Run"), "int.Parse threw inside the framework; Run is the app's frame");
        Assert.That(JsonNode.Parse(second.Snapshots.Single())!["args"]!["p"]!["items"]![1]!.GetValue<string>(), Is.EqualTo("y"));
        Assert.That(JsonNode.Parse(third.Snapshots.Single())!["args"]!["p"]!["items"]![1]!.GetValue<string>(), Is.EqualTo("z"), "everySeconds 0: every throw");
        Assert.That(after.Snapshots, Is.Empty);
        Assert.That(after.Result, Does.StartWith("! FormatException:"));
    }

    [Test]
    public void AnExceptionsProbeNeedsASnapshotInstrument()
    {
        using var app = Started();

        var add = Tool("probe", "add", Pid(app), "exceptions:*", "--type", "log", "--value", "1", "--id", "wrong");

        Assert.That(add.ExitCode, Is.EqualTo(1));
        Assert.That(add.Output, Is.EqualTo("wrong\texceptions:*\terror: an exceptions probe takes snapshot instruments (--type snapshot): the snapshot of a throw is what it writes\n"));
    }

    /// <summary>Waits until the throwing method is instrumented (it is, off the throwing thread, after its first throw).</summary>
    private static void WaitForSiteProbe(TargetApp app, string method)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!Tool("probe", "ls", Pid(app)).Output.Split('\n').Any(l => l.Contains($"@{method} ", StringComparison.Ordinal) && l.Contains(" installed ", StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(100);
        }
    }

    private static void WaitUntilGone(TargetApp app)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (Tool("probe", "ls", Pid(app)).Output.Contains("exceptions:", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(100);
        }
    }

    private TargetApp Started()
    {
        if (mode == StartMode.Launched)
        {
            return TargetApp.Launch(Installation.Diagnose, ["run", "--", Installation.Target(runtime)]);
        }

        var app = TargetApp.Start(runtime, mode);
        if (mode == StartMode.Attached)
        {
            Assert.That(app.Attach!.ExitCode, Is.EqualTo(0), app.Attach.ToString());
        }

        return app;
    }

    private static ToolRun Tool(params string[] arguments) => ToolRun.Of(arguments);

    private static string Pid(TargetApp app) => app.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
