using System.Text.Json.Nodes;
using Diagnose.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace Diagnose.EndToEnd.Tests.Cli;

/// <summary>
/// What users get wrong: every mistake is an exit code and a sentence, never a crash of the tool or of the target,
/// which keeps serving throughout.
/// </summary>
public sealed class BadInputTests
{
    [TestCase("probe add 1", "a target is needed: Ns.Type.Method, File.cs:LINE or Ns.Type.Method:LINE, or --exceptions [PATTERN]")]
    [TestCase("probe add 1 A.B.M --event exit", "exit")]
    [TestCase("probe add 1 A.B.M --lifespan soon", "soon")]
    [TestCase("probe add one A.B.M", "one")]
    [TestCase("apply 1", "Required argument 'specs' missing")]
    [TestCase("sidecar", "--store")]
    [TestCase("sidecar --store /no/such/place", "--store: /no/such/place is neither a file, a directory nor a postgres:// address")]
    [TestCase("sidecar --store postgres://db/x?table=a;b", "must be a plain name")]
    [TestCase("frobnicate", "frobnicate")]
    public void UsageErrorsExitWith2AndSayWhy(string line, string said)
    {
        var run = ToolRun.Of(line.Split(' '));

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Error, Does.Contain(said));
        Assert.That(run.Error, Does.Not.Contain("   at "), "no stack traces");
    }

    [Test]
    public void EveryCommandHasHelpWithAnExample()
    {
        foreach (var command in new[] { "ps", "run", "env", "attach", "probe", "probe add", "probe ls", "probe rm", "apply", "watch", "sidecar" })
        {
            var help = ToolRun.Of([.. command.Split(' '), "--help"]);

            Assert.That(help.ExitCode, Is.EqualTo(0), command);
            Assert.That(help.Output, Does.Contain("Example").And.Contain("diagnose "), command);
        }
    }

    [TestCase("probe ls 99999999", "process 99999999 was not found")]
    [TestCase("probe rm 99999999 x", "process 99999999 was not found")]
    [TestCase("watch 99999999", "process 99999999 was not found")]
    [TestCase("attach 99999999", "process 99999999 was not found; 'diagnose ps' lists the .NET processes you can reach")]
    public void AProcessThatIsNotThereExitsWith3(string line, string said)
    {
        var run = ToolRun.Of(line.Split(' '));

        Assert.That(run.ExitCode, Is.EqualTo(3), run.ToString());
        Assert.That(run.Error, Does.Contain(said));
    }

    [Test]
    public void AProcessWithoutDiagnoseExitsWith3AndSaysHowToLoadIt()
    {
        using var app = TargetApp.Launch(Installation.Target(TargetRuntime.Net10), []);
        var pid = app.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture);

        foreach (var line in new[] { new[] { "probe", "ls", pid }, ["probe", "add", pid, "Sample.Calculator.Add13"], ["watch", pid] })
        {
            var run = ToolRun.Of(line);

            Assert.That(run.ExitCode, Is.EqualTo(3), run.ToString());
            Assert.That(run.Error, Does.Contain($"Diagnose is not loaded in process {pid}; load it first with 'diagnose attach {pid}'"));
        }

        Assert.That(app.Send("add13 1").Result, Is.EqualTo("= 14"));
    }

    [Test]
    public void BadProbesAreReportedWithExitCode1AndTheTargetIsUnharmed()
    {
        using var app = TargetApp.Start(TargetRuntime.Net10, StartMode.Attached);
        var pid = app.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var notJson = new SpecFile();
        notJson.SaveText("{ \"half\": ");

        var cases = new (string[] Line, string Said)[]
        {
            (["probe", "add", pid, "!!!"], "error: "),
            (["probe", "add", pid, "Sample.Calculator.Add13", "--value", "len(x))"], "error: unexpected ')' at 6 in \"len(x))\""),
            (["probe", "add", pid, "Sample.Calculator.Add13", "--value", "arg.Nope"], "error: "),
            (["probe", "add", pid, "Sample.Calculator.Add13", "--type", "nope", "--value", "1"], "error: unknown instrument type 'nope'"),
            (["probe", "add", pid, "Sample.Shape.Area"], "error: cannot probe 'Sample.Shape.Area': it is abstract"),
            (["probe", "rm", pid, "never-added"], $"error: there is no spec 'never-added' in process {pid}"),
            (["apply", pid, notJson.Path], "specs.json is not valid JSON"),
        };
        foreach (var (line, said) in cases)
        {
            var run = ToolRun.Of(line);

            Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
            Assert.That(run.Output + run.Error, Does.Contain(said), run.ToString());
            Assert.That(run.Error, Does.Not.Contain("   at "), "no stack traces");
        }

        Assert.That(app.Send("add13 1"), Has.Property(nameof(CommandResult.Result)).EqualTo("= 14").And.Property(nameof(CommandResult.ProbeLines)).Empty);
        Assert.That(app.Send("square 4").Result, Is.EqualTo("= 16"));
    }

    [Test]
    public void ALargeSpecSetTravelsInPartsAndEverySpecIsAnswered()
    {
        using var app = TargetApp.Start(TargetRuntime.Net10, StartMode.Attached);
        var pid = app.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var specs = new SpecFile();
        for (var i = 0; i < 400; i++)
        {
            specs.Add($"later-{i:000}", $"[Later.Assembly{i}]Later.Assembly{i}.Type.Method", "result", custom: new JsonObject { ["note"] = new string('x', 100) });
        }

        specs.Add("now", "Sample.Calculator.Add13", "arg", @event: "call").Save();
        Assert.That(new FileInfo(specs.Path).Length, Is.GreaterThan(3 * 16_000), "more than three parts of a command");

        var apply = ToolRun.Of("apply", pid, specs.Path);
        var lines = apply.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.That(apply.ExitCode, Is.EqualTo(0), apply.Error);
        Assert.That(lines, Has.Length.EqualTo(401));
        Assert.That(lines.Take(400).All(l => l.Contains("\tpending: ", StringComparison.Ordinal)), Is.True, lines[0]);
        Assert.That(lines[400], Is.EqualTo("now\tSample.Calculator.Add13\tinstalled"));
        Assert.That(app.Send("add13 5").ProbeLines, Is.EqualTo(new[] { "Probe (now)[tags=[]] = 5" }));

        using var none = new SpecFile();
        Assert.That(ToolRun.Of("apply", pid, none.Path).ExitCode, Is.EqualTo(0));
        Assert.That(app.Send("add13 5").ProbeLines, Is.Empty);
    }
}
