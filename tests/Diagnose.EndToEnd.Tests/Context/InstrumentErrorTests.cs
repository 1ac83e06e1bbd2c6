using Diagnose.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace Diagnose.EndToEnd.Tests.Context;

/// <summary>An instrument that fails is disabled and reported; the probed call never notices (issue 3, part 7).</summary>
[TestFixture(TargetRuntime.Net10, StartMode.Launched)]
[TestFixture(TargetRuntime.Net8, StartMode.Attached)]
public sealed class InstrumentErrorTests(TargetRuntime runtime, StartMode mode)
{
    [Test]
    public void AnInstrumentThatThrowsIsDisabledUntilItsSpecChangesAndTheCallIsUnaffected()
    {
        using var specs = new SpecFile().Add("fragile", "Sample.Calculator.Add13", "100 / (arg - 5)", @event: "call").Save();
        using var app = TargetApp.Start(runtime, mode, specs.Path);
        Assert.That(specs.WaitApplied(app.Pid, "fragile"), Is.Null);

        var works = app.Send("add13 6");
        var throws = app.Send("add13 5");
        Assert.That(WaitForError(specs, app.Pid, "fragile"), Is.EqualTo("DivideByZeroException: Attempted to divide by zero."));
        var disabled = app.Send("add13 7");

        Assert.That(works.ProbeLines, Is.EqualTo(new[] { "Probe (fragile)[tags=[]] = 100" }));
        Assert.That(throws.ProbeLines, Is.Empty);
        Assert.That(throws.Result, Is.EqualTo("= 18"));
        Assert.That(disabled.ProbeLines, Is.Empty, "disabled after its error");
        Assert.That(disabled.Result, Is.EqualTo("= 20"));

        // The same spec written again does not re-enable it; a changed spec does.
        specs.Save();
        specs.Add("sentinel", "Sample.Calculator.Square", "x").Save();
        specs.WaitApplied(app.Pid, "sentinel");
        Assert.That(app.Send("add13 8").ProbeLines, Is.Empty);
        specs.Add("fragile", "Sample.Calculator.Add13", "arg", @event: "call").Save();
        WaitUntil(() => specs.WaitApplied(app.Pid, "fragile") is null);
        Assert.That(app.Send("add13 9").ProbeLines, Is.EqualTo(new[] { "Probe (fragile)[tags=[]] = 9" }));
    }

    [Test]
    public void TagsThatAreNotAListOrADictionaryAreReportedWithDiagnosesText()
    {
        var custom = new System.Text.Json.Nodes.JsonObject { ["tags"] = "arg" };
        using var specs = new SpecFile().Add("tagged", "Sample.Calculator.Add13", "arg", @event: "call", custom: custom).Save();
        using var app = TargetApp.Start(runtime, mode, specs.Path);
        specs.WaitApplied(app.Pid, "tagged");

        var result = app.Send("add13 5");

        Assert.That(WaitForError(specs, app.Pid, "tagged"), Is.EqualTo("Cannot send non-list of tags: 5"));
        Assert.That(result.ProbeLines, Is.Empty);
        Assert.That(result.Result, Is.EqualTo("= 18"));
    }

    [Test]
    public void AMetricOfAValueThatIsNotANumberIsReportedWithDiagnosesText()
    {
        using var specs = new SpecFile().Add("metric", "Sample.Calculator.Greet", "result", type: "hist").Save();
        using var app = TargetApp.Start(runtime, mode, specs.Path);
        specs.WaitApplied(app.Pid, "metric");

        var result = app.Send("greet ab 2");

        Assert.That(WaitForError(specs, app.Pid, "metric"), Is.EqualTo("Cannot send non-numeric metric: abab"));
        Assert.That(result.Result, Is.EqualTo("= abab"));
    }

    private static string? WaitForError(SpecFile specs, int pid, string id)
    {
        string? error = null;
        WaitUntil(() => (error = specs.WaitApplied(pid, id)) is not null);
        return error;
    }

    private static void WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("timed out");
            }

            Thread.Sleep(50);
        }
    }
}
