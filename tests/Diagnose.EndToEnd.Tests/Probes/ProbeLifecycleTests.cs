using Diagnose.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace Diagnose.EndToEnd.Tests.Probes;

/// <summary>Probes from spec files on real target processes, launched under Diagnose and attached to after start.</summary>
[TestFixture(TargetRuntime.Net10, StartMode.Launched)]
[TestFixture(TargetRuntime.Net10, StartMode.Attached)]
[TestFixture(TargetRuntime.Net8, StartMode.Launched)]
[TestFixture(TargetRuntime.Net8, StartMode.Attached)]
public sealed class ProbeLifecycleTests(TargetRuntime runtime, StartMode mode)
{
    [Test]
    public void ACallProbeLogsTheArgumentAndLeavesTheResultAlone()
    {
        using var specs = new SpecFile().Add("foo", "Sample.Calculator.Add13", "arg", @event: "call").Save();
        using var app = Start(specs);
        Assert.That(specs.WaitApplied(app.Pid, "foo"), Is.Null);

        var result = app.Send("add13 5");

        Assert.That(result.ProbeLines, Is.EqualTo(new[] { "Probe (foo)[tags=[]] = 5" }));
        Assert.That(result.Result, Is.EqualTo("= 18"));
        Assert.That(app.Exit(3), Is.EqualTo(3));
    }

    [Test]
    public void AReturnProbeSeesTheResultAndTheArguments()
    {
        using var specs = new SpecFile().Add("greet", "Sample.Calculator.Greet", "$\"{name} x{times} = {result}\"").Save();
        using var app = Start(specs);
        specs.WaitApplied(app.Pid, "greet");

        var result = app.Send("greet ab 3");

        Assert.That(result.ProbeLines, Is.EqualTo(new[] { "Probe (greet)[tags=[]] = ab x3 = ababab" }));
        Assert.That(result.Result, Is.EqualTo("= ababab"));
    }

    [Test]
    public void AnExceptionReachesTheReturnProbeAndThenTheCallerUnchanged()
    {
        using var specs = new SpecFile().Add("failed", "Sample.Calculator.Divide", "exception?.GetType().Name + \": \" + exception?.Message").Save();
        using var app = Start(specs);
        specs.WaitApplied(app.Pid, "failed");

        var thrown = app.Send("divide 7 0");
        var fine = app.Send("divide 7 2");

        Assert.That(thrown.ProbeLines, Is.EqualTo(new[] { "Probe (failed)[tags=[]] = DivideByZeroException: cannot divide 7 by zero" }));
        Assert.That(thrown.Result, Does.StartWith("! DivideByZeroException: cannot divide 7 by zero @ at Sample.Calculator.Divide(Int32 a, Int32 b)"));
        Assert.That(fine.ProbeLines, Is.EqualTo(new[] { "Probe (failed)[tags=[]] = : " }));
        Assert.That(fine.Result, Is.EqualTo("= 3"));
    }

    [Test]
    public void RemovingTheSpecStopsTheOutputAndTheResultsStayRight()
    {
        using var specs = new SpecFile().Add("foo", "Sample.Calculator.Add13", "arg", @event: "call").Save();
        using var app = Start(specs);
        specs.WaitApplied(app.Pid, "foo");
        Assert.That(app.Send("add13 1").ProbeLines, Has.Count.EqualTo(1));

        // The sentinel's entry shows the process applied the new set, the removal included.
        specs.Remove("foo").Add("sentinel", "Sample.Calculator.Square", "x").Save();
        specs.WaitApplied(app.Pid, "sentinel");
        var after = app.Send("add13 2");

        Assert.That(after.ProbeLines, Is.Empty);
        Assert.That(after.Result, Is.EqualTo("= 15"));
    }

    [Test]
    public void ALifespanEndsTheProbeByItself()
    {
        var written = DateTime.UtcNow;
        // No rate limit: the loop below calls as fast as it can, and a rate limit's dropped lines would look like the end.
        using var specs = new SpecFile().Add("brief", "Sample.Calculator.Add13", "arg", @event: "call", custom: new System.Text.Json.Nodes.JsonObject { ["rate"] = 0 }, lifespan: 0.1).Save();
        using var app = Start(specs);
        specs.WaitApplied(app.Pid, "brief");
        Assert.That(app.Send("add13 1").ProbeLines, Has.Count.EqualTo(1));

        // 0.1 minutes = 6 s from lastmodified; the expiry check runs every second and then reverts the method.
        var after = app.SendUntil("add13 2", r => r.ProbeLines.Count == 0);
        var ended = DateTime.UtcNow - written;

        Assert.That(after.ProbeLines, Is.Empty, "the probe outlived its lifespan");
        Assert.That(after.Result, Is.EqualTo("= 15"));
        Assert.That(ended, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(6)), "the probe ended before its lifespan was over");
    }

    [Test]
    public void OneBadSpecDoesNotStopTheGoodOnes()
    {
        using var specs = new SpecFile()
            .Add("good", "Sample.Calculator.Add13", "arg", @event: "call")
            .Add("unknown-type", "Sample.Calculator.Square", "x", type: "nope")
            .Add("unknown-member", "Sample.Calculator.Nope", "result")
            .Add("syntax", "Sample.Calculator.Square", "len(x))")
            .Add("abstract", "Sample.Shape.Area", "result")
            .Save();
        using var app = Start(specs);

        Assert.That(specs.WaitApplied(app.Pid, "good"), Is.Null);
        Assert.That(specs.WaitApplied(app.Pid, "unknown-type"), Does.StartWith("unknown instrument type 'nope'"));
        Assert.That(specs.WaitApplied(app.Pid, "unknown-member"), Is.EqualTo("'Sample.Calculator' does not have a method 'Nope'"));
        Assert.That(specs.WaitApplied(app.Pid, "syntax"), Is.EqualTo("unexpected ')' at 6 in \"len(x))\""));
        Assert.That(specs.WaitApplied(app.Pid, "abstract"), Does.StartWith("cannot probe 'Sample.Shape.Area': it is abstract"));
        Assert.That(app.Send("add13 5").ProbeLines, Is.EqualTo(new[] { "Probe (good)[tags=[]] = 5" }));
        Assert.That(app.Send("square 3").Result, Is.EqualTo("= 9"));
        if (mode == StartMode.Attached)
        {
            Assert.That(app.Attach!.ExitCode, Is.EqualTo(1), app.Attach.ToString());
            Assert.That(app.Attach.Output, Does.Contain("good\tSample.Calculator.Add13\tinstalled"));
            Assert.That(app.Attach.Output, Does.Contain("unknown-member\tSample.Calculator.Nope\terror: 'Sample.Calculator' does not have a method 'Nope'"));
        }
    }

    private TargetApp Start(SpecFile specs)
    {
        var app = TargetApp.Start(runtime, mode, specs.Path);
        if (mode == StartMode.Attached)
        {
            Assert.That(app.Attach!.ExitCode, Is.AnyOf(0, 1), app.Attach.ToString());
        }

        return app;
    }
}
