using System.Globalization;
using Diagnose.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace Diagnose.EndToEnd.Tests.Context;

/// <summary>The names each event offers, and what they hold, in real targets (issue 3).</summary>
[TestFixture(TargetRuntime.Net10, StartMode.Launched)]
[TestFixture(TargetRuntime.Net8, StartMode.Attached)]
public sealed class EvaluationContextTests(TargetRuntime runtime, StartMode mode)
{
    private static readonly string[] s_callNames = ["args", "this", "self", "start", "now", "method", "caller", "stack", "thread"];
    private static readonly string[] s_returnOnlyNames = ["result", "end", "elapsed", "exception", "hotspots"];

    [Test]
    public void ACallInstrumentSeesExactlyTheDocumentedNames()
    {
        using var specs = new SpecFile();
        foreach (var name in s_callNames.Concat(s_returnOnlyNames))
        {
            specs.Add($"call-{name}", "Sample.Calculator.Divide", $"{name} != null", @event: "call");
        }

        using var app = TargetApp.Start(runtime, mode, specs.Save().Path);

        foreach (var name in s_callNames)
        {
            Assert.That(specs.WaitApplied(app.Pid, $"call-{name}"), Is.Null, name);
        }

        foreach (var name in s_returnOnlyNames)
        {
            Assert.That(specs.WaitApplied(app.Pid, $"call-{name}"), Is.EqualTo($"'{name}' is not available on the call event"), name);
        }

        var result = app.Send("divide 7 2");
        Assert.That(result.ProbeLines, Has.Count.EqualTo(s_callNames.Length).And.All.EndsWith("= True"));
        Assert.That(result.Result, Is.EqualTo("= 3"));
    }

    [Test]
    public void AReturnInstrumentSeesTheCallNamesAndTheReturnNames()
    {
        using var specs = new SpecFile();
        foreach (var name in s_callNames.Concat(s_returnOnlyNames).Where(n => n != "exception"))
        {
            specs.Add($"return-{name}", "Sample.Calculator.Divide", $"{name} != null");
        }

        specs.Add("return-exception", "Sample.Calculator.Divide", "exception == null");
        using var app = TargetApp.Start(runtime, mode, specs.Save().Path);
        foreach (var name in s_callNames.Concat(s_returnOnlyNames))
        {
            Assert.That(specs.WaitApplied(app.Pid, $"return-{name}"), Is.Null, name);
        }

        var result = app.Send("divide 7 2");

        Assert.That(result.ProbeLines, Has.Count.EqualTo(s_callNames.Length + s_returnOnlyNames.Length).And.All.EndsWith("= True"));
    }

    [Test]
    public void TheNamesHoldWhatTheyShould()
    {
        using var specs = new SpecFile()
            .Add("values", "Sample.Calculator.Divide", "$\"{args.Length} {a}/{b} {this.GetType().Name} {self == this} {method.Name} {caller} {thread > 0} {stack.ToString().Contains(\"Divide\")} {result}\"")
            .Add("times", "Sample.Calculator.Divide", "start <= end && elapsed >= 0 && elapsed < 5 && Math.Abs((now - DateTime.UtcNow).TotalSeconds) < 5 && start > 1.7e9")
            .Save();
        using var app = TargetApp.Start(runtime, mode, specs.Path);
        specs.WaitApplied(app.Pid, "values");
        specs.WaitApplied(app.Pid, "times");

        var result = app.Send("divide 9 3");

        Assert.That(result.ProbeLines, Is.EqualTo(new[]
        {
            "Probe (values)[tags=[]] = 2 9/3 Calculator True Divide Sample.Commands.Run True True 3",
            "Probe (times)[tags=[]] = True",
        }));
    }

    [Test]
    public void ElapsedMeasuredInsideIsNoLargerThanMeasuredOutside()
    {
        using var specs = new SpecFile().Add("elapsed", "Sample.Slow.Sleep", "elapsed.ToString(\"R\")").Save();
        using var app = TargetApp.Start(runtime, mode, specs.Path);
        specs.WaitApplied(app.Pid, "elapsed");

        var result = app.Send("timed 40");

        var inside = double.Parse(result.ProbeLines.Single().Split(" = ")[1], CultureInfo.InvariantCulture);
        var outside = double.Parse(result.Result[2..], CultureInfo.InvariantCulture);
        Assert.That(inside, Is.GreaterThanOrEqualTo(0.039));
        Assert.That(inside, Is.LessThanOrEqualTo(outside));
    }

    [Test]
    public void TheEndEventReadsLocalsByTheirSourceNames()
    {
        using var specs = new SpecFile().Add("output", "Sample.Locals.Compute", "output", @event: "end").Save();
        using var app = TargetApp.Start(runtime, mode, specs.Path);
        Assert.That(specs.WaitApplied(app.Pid, "output"), Is.Null);

        var result = app.Send("locals 3");

        Assert.That(result.ProbeLines, Is.EqualTo(new[] { "Probe (output)[tags=[]] = 6!..." }));
        Assert.That(result.Result, Is.EqualTo("= 6!..."));
    }

    [Test]
    public void WhenTheMethodThrowsTheEndEventStillReadsTheLocalsAssignedBeforeAndTheExceptionReachesTheCaller()
    {
        using var specs = new SpecFile().Add("stage", "Sample.Locals.Risky", "$\"{stage} {exception?.GetType().Name}\"", @event: "end").Save();
        using var app = TargetApp.Start(runtime, mode, specs.Path);
        Assert.That(specs.WaitApplied(app.Pid, "stage"), Is.Null);

        var parse = app.Send("risky x");
        var divide = app.Send("risky 0");
        var fine = app.Send("risky 4");

        Assert.That(parse.ProbeLines, Is.EqualTo(new[] { "Probe (stage)[tags=[]] = parsing x FormatException" }));
        Assert.That(parse.Result, Does.StartWith("! FormatException: The input string 'x' was not in a correct format."));
        Assert.That(divide.ProbeLines, Is.EqualTo(new[] { "Probe (stage)[tags=[]] = dividing 0 DivideByZeroException" }));
        Assert.That(divide.Result, Does.StartWith("! DivideByZeroException: Attempted to divide by zero. @ at Sample.Locals.Risky(String text)"));
        Assert.That(fine.ProbeLines, Is.EqualTo(new[] { "Probe (stage)[tags=[]] = dividing 4 " }));
        Assert.That(fine.Result, Is.EqualTo("= dividing 4 = 25"));
    }

    [Test]
    public void AnAsyncMethodReportsTheAwaitedResultWhenItsTaskCompletes()
    {
        using var specs = new SpecFile()
            .Add("fetch", "Sample.Fetch.GetAsync", "$\"{result} {elapsed >= delay / 1000.0}\"")
            .Add("fail", "Sample.Fetch.FailAsync", "exception.Message")
            .Add("label", "Sample.Fetch.LabelAsync", "result")
            .Save();
        using var app = TargetApp.Start(runtime, mode, specs.Path);
        Assert.That(specs.WaitApplied(app.Pid, "fetch"), Is.Null);
        Assert.That(specs.WaitApplied(app.Pid, "fail"), Is.Null);
        Assert.That(specs.WaitApplied(app.Pid, "label"), Is.Null);

        var fetched = app.Send("fetch 50", probeLines: 1);
        var failed = app.Send("fail 20", probeLines: 1);
        var labelNow = app.Send("label 0", probeLines: 1);
        var labelLater = app.Send("label 20", probeLines: 1);

        Assert.That(fetched.ProbeLines, Is.EqualTo(new[] { "Probe (fetch)[tags=[]] = 100 True" }));
        Assert.That(fetched.Result, Is.EqualTo("= 100"));
        Assert.That(failed.ProbeLines, Is.EqualTo(new[] { "Probe (fail)[tags=[]] = failed after 20 ms" }));
        Assert.That(failed.Result, Does.StartWith("! InvalidOperationException: failed after 20 ms"));
        Assert.That(labelNow.ProbeLines, Is.EqualTo(new[] { "Probe (label)[tags=[]] = now" }));
        Assert.That(labelLater.ProbeLines, Is.EqualTo(new[] { "Probe (label)[tags=[]] = after 20" }));
    }

    [Test]
    public void HotspotsNameTheSlowLineAndItsSource()
    {
        using var specs = new SpecFile().Add("hot", "Sample.Slow.Work", "$\"{hotspots.Worst.Line}|{hotspots.Worst.Source}|{hotspots.Worst.Time >= 0.05}|{hotspots.Calls.Count >= 4}\"").Save();
        using var app = TargetApp.Start(runtime, mode, specs.Path);
        Assert.That(specs.WaitApplied(app.Pid, "hot"), Is.Null);

        var result = app.Send("work 2");

        var line = File.ReadAllLines(Path.Combine(Installation.Root, "tests", "targets", "Sample", "Context.cs"))
            .Select((text, index) => (text, number: index + 1)).Single(l => l.text.Contains("// the slow line"));
        Assert.That(result.ProbeLines, Is.EqualTo(new[] { $"Probe (hot)[tags=[]] = {line.number}|{line.text.Trim()}|True|True" }));
        Assert.That(result.Result, Is.EqualTo("= 5"));
    }

    [Test]
    public void TagsAndAConditionShapeWhatIsSent()
    {
        var custom = new System.Text.Json.Nodes.JsonObject { ["tags"] = "new { region = this.Region }", ["condition"] = "amount > 100" };
        using var specs = new SpecFile().Add("charge", "Sample.Store.Charge", "amount", custom: custom).Save();
        using var app = TargetApp.Start(runtime, mode, specs.Path);
        Assert.That(specs.WaitApplied(app.Pid, "charge"), Is.Null);

        var small = app.Send("charge eu 50");
        var large = app.Send("charge eu 150");

        Assert.That(small.ProbeLines, Is.Empty);
        Assert.That(small.Result, Is.EqualTo("= 60.0"));
        Assert.That(large.ProbeLines, Is.EqualTo(new[] { "Probe (charge)[tags=[region:eu]] = 150" }));
        Assert.That(large.Result, Is.EqualTo("= 180.0"));
    }

    [Test]
    public void ASyntaxErrorIsReportedWithItsPositionAndTheCallSucceeds()
    {
        using var specs = new SpecFile().Add("broken", "Sample.Calculator.Add13", "arg + * 2").Save();
        using var app = TargetApp.Start(runtime, mode, specs.Path);

        Assert.That(specs.WaitApplied(app.Pid, "broken"), Does.StartWith("unexpected '*'").And.EndsWith("at 6 in \"arg + * 2\""));
        Assert.That(app.Send("add13 1"), Has.Property("Result").EqualTo("= 14").And.Property("ProbeLines").Empty);
    }
}
