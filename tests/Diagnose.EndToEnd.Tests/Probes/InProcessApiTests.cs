using Diagnose.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace Diagnose.EndToEnd.Tests.Probes;

/// <summary>
/// The in-process API in a process started with nothing set up: the agent attaches the profiler to its own process
/// through the diagnostics channel on first use (issue 2's example).
/// </summary>
public sealed class InProcessApiTests
{
    [Test]
    public void TheIssueExampleWorksInAProcessWithNothingSetUp()
    {
        using var app = Start();
        Assert.That(app.Send("add13 1").Result, Is.EqualTo("= 14"));

        Assert.That(app.Send("probe Sample.Calculator.Add13 log foo call arg").Result, Is.EqualTo("= Installed"));
        var probed = app.Send("add13 5");
        Assert.That(app.Send("unprobe Sample.Calculator.Add13").Result, Is.EqualTo("= Stopped"));
        var restored = app.Send("add13 5");

        Assert.That(probed.ProbeLines, Is.EqualTo(new[] { "Probe (foo)[tags=[]] = 5" }));
        Assert.That(probed.Result, Is.EqualTo("= 18"));
        Assert.That(restored.ProbeLines, Is.Empty);
        Assert.That(restored.Result, Is.EqualTo("= 18"));
    }

    [Test]
    public void RemovingTheLastInstrumentRestoresTheMethodAndAnotherProbeKeepsFiring()
    {
        using var app = Start();
        app.Send("probe Sample.Calculator.Add13 log a call arg");
        app.Send("probe Sample.Calculator.Square log b call x");

        Assert.That(app.Send("drop Sample.Calculator.Add13 a").Result, Is.EqualTo("= True Installed 0"));
        var add = app.Send("add13 2");
        var square = app.Send("square 4");

        Assert.That(add.ProbeLines, Is.Empty);
        Assert.That(add.Result, Is.EqualTo("= 15"));
        Assert.That(square.ProbeLines, Is.EqualTo(new[] { "Probe (b)[tags=[]] = 4" }));
        Assert.That(square.Result, Is.EqualTo("= 16"));
    }

    [Test]
    public void AnInstrumentThatCallsNothingCountsEveryCallOnItsUnguardedPath()
    {
        using var app = Start();
        Assert.That(app.Send("count Sample.Calculator.Add13 adds call arg * 2").Result, Is.EqualTo("= Installed"));

        var results = new[] { app.Send("add13 5").Result, app.Send("add13 7").Result, app.Send("add13 -1").Result };
        var totals = app.Send("counted adds").Result;
        app.Send("unprobe Sample.Calculator.Add13");
        app.Send("add13 100");

        Assert.That(results, Is.EqualTo(new[] { "= 18", "= 20", "= 12" }));
        Assert.That(totals, Is.EqualTo("= 3 22"));
        Assert.That(app.Send("counted adds").Result, Is.EqualTo("= 3 22"), "nothing after the probe stopped");
    }

    /// <summary>
    /// A thread inside the method's body when a second probe is added returns through the older body: its return
    /// hook still fires the probe that stays, and once that probe is dropped, it no longer fires from any body.
    /// </summary>
    [Test]
    public void AThreadInsideAnOlderBodyStillFiresTheInstrumentsThatStayAndNotThoseRemoved()
    {
        using var app = Start();
        Assert.That(app.Send("probe Sample.Held.Wait log a return result").Result, Is.EqualTo("= Installed"));

        Assert.That(app.Send("hold 7").Result, Is.EqualTo("= inside"));
        Assert.That(app.Send("probe Sample.Held.Wait log b call x * 10").Result, Is.EqualTo("= Installed"));
        var olderBody = app.Send("release", 1, "Probe (a)");

        Assert.That(app.Send("hold 8").Result, Is.EqualTo("= inside"));
        Assert.That(app.Send("drop Sample.Held.Wait a").Result, Is.EqualTo("= True Installed 1"));
        var dropped = app.Send("release");
        var held = app.Send("hold 9");
        var heldB = held.ProbeLines.Count(l => l.StartsWith("Probe (b)", StringComparison.Ordinal));
        var released = app.Send("release", 1 - heldB, "Probe (b)");

        Assert.That(olderBody.ProbeLines, Is.EqualTo(new[] { "Probe (a)[tags=[]] = 7" }), olderBody.ToString());
        Assert.That(olderBody.Result, Is.EqualTo("= 7"));
        Assert.That(dropped.ProbeLines.Where(l => l.StartsWith("Probe (a)", StringComparison.Ordinal)), Is.Empty, $"'a' was dropped while the thread was inside: {dropped}");
        Assert.That(dropped.Result, Is.EqualTo("= 8"));
        Assert.That(held.ProbeLines.Concat(released.ProbeLines).Where(l => !l.Contains("= 80", StringComparison.Ordinal)), Is.EqualTo(new[] { "Probe (b)[tags=[]] = 90" }));
        Assert.That(released.Result, Is.EqualTo("= 9"));
    }

    [Test]
    public void TwoInstrumentsOnOneMethodBothFireInOrder()
    {
        using var app = Start();
        app.Send("probe Sample.Calculator.Greet log before call name");
        app.Send("probe Sample.Calculator.Greet log after return result.Length");

        var result = app.Send("greet xy 3");

        Assert.That(result.ProbeLines, Is.EqualTo(new[] { "Probe (before)[tags=[]] = xy", "Probe (after)[tags=[]] = 6" }));
        Assert.That(result.Result, Is.EqualTo("= xyxyxy"));
    }

    [Test]
    public void ATargetThatIsNotLoadedIsPendingAndAMissingMemberIsAClearError()
    {
        using var app = Start();

        Assert.That(app.Send("probe System.Web.HttpUtility.HtmlEncode log a return result").Result, Is.EqualTo("= Pending: type 'System.Web.HttpUtility' is in assembly 'System.Web.HttpUtility', which is not loaded yet"));
        Assert.That(app.Send("probe [Later.Plugin]Later.Plugin.Type.Method log a return result").Result, Is.EqualTo("= Pending: assembly 'Later.Plugin' is not loaded yet"));
        Assert.That(app.Send("probe Sample.Nope.Method log a return result").Result, Is.EqualTo("! DiagnoseException: type 'Sample.Nope' was not found (no assembly this process has or can load by name defines it; if it loads later from another directory, name its assembly: [Assembly]Sample.Nope.Method)"));
        Assert.That(app.Send("probe Sample.Calculator.Nope log a return result").Result, Is.EqualTo("! DiagnoseException: 'Sample.Calculator' does not have a method 'Nope'"));
        Assert.That(app.Send("probe Sample.Shape.Area log a return result").Result, Does.StartWith("! DiagnoseException: cannot probe 'Sample.Shape.Area': it is abstract"));
        Assert.That(app.Send("add13 1").Result, Is.EqualTo("= 14"));
    }

    [Test]
    public void AMisspeltTypeOrMethodGetsTheClosestNamesAndIsNotLeftPending()
    {
        using var app = Start();

        Assert.That(app.Send("probe Sample.Calculater.Add13 log a return result").Result, Does.StartWith("! DiagnoseException: type 'Sample.Calculater' was not found; did you mean Sample.Calculator? ("));
        Assert.That(app.Send("probe Sample.Calculator.Ad13 log a return result").Result, Is.EqualTo("! DiagnoseException: 'Sample.Calculator' does not have a method 'Ad13'; did you mean Sample.Calculator.Add13?"));
        Assert.That(app.Send("probe Sample.Calculator.square log a return result").Result, Is.EqualTo("! DiagnoseException: 'Sample.Calculator' does not have a method 'square'; did you mean Sample.Calculator.Square?"));
        Assert.That(app.Send("probe System.Web.HttpUtilty.HtmlEncode log a return result").Result, Does.StartWith("! DiagnoseException: type 'System.Web.HttpUtilty' was not found; did you mean System.Web.HttpUtility?"), "types of assemblies not loaded yet are suggested too");
        Assert.That(app.Send("add13 1").Result, Is.EqualTo("= 14"));
    }

    [Test]
    public void ASensorRecordsEveryCallAndRemovesItsProbe()
    {
        using var app = Start();

        var result = app.Send("sensor Sample.Calculator.Add13 result add13 4");
        var after = app.Send("add13 4");

        Assert.That(result.Result, Is.EqualTo("= [17, 17] active=False"));
        Assert.That(after.Result, Is.EqualTo("= 17"));
    }

    [Test]
    public void ASensorRemovesItsProbeWhenTheBlockThrows()
    {
        using var app = Start();

        Assert.That(app.Send("sensor-throws Sample.Calculator.Square").Result, Is.EqualTo("= active=False"));
        Assert.That(app.Send("square 3").Result, Is.EqualTo("= 9"));
    }

    [Test]
    public void ASensorOnATargetThatCannotBeProbedThrowsAClearError()
    {
        using var app = Start();

        Assert.That(app.Send("sensor Sample.Calculator.Nope result add13 1").Result, Is.EqualTo("! DiagnoseException: 'Sample.Calculator' does not have a method 'Nope'"));
        Assert.That(app.Send("sensor Sample.Calculator.Add13 nope add13 1").Result, Does.StartWith("! DiagnoseException: unknown name 'nope' at 0 in \"nope\"; names here: arg, args, this, "));
    }

    [Test]
    public void APendingProbeWhoseAssemblyLoadsWhileAnotherThreadHoldsTheAgentIsInstalledLateInsteadOfDeadlocking()
    {
        var log = Path.Combine(Directory.CreateTempSubdirectory("diagnose-e2e-").FullName, "agent.log");
        using var app = TargetApp.Launch(Installation.InProcessTarget, [], new Dictionary<string, string> { ["DIAGNOSE_HOME"] = Installation.Out, ["DIAGNOSE_LOG"] = log });

        // Another thread, installing a probe with the agent's locks held, needs the very assembly whose load event
        // would install the pending probe: the loading thread gives up waiting after 5 s and the load goes on.
        var busy = app.Send("busy-load");
        var later = app.SendUntil("htmlencode <i>", r => r.ProbeLines.Count > 0);

        Assert.That(busy.Result, Does.StartWith("= &lt;b&gt; pending=").And.EndWith(" busy=Installed"));
        // Usually the loading thread meets the installer's locks, gives up after 5 s and the probe is installed off the
        // event; when the runtime lets the installer load the assembly before the loading thread's handler runs, the
        // installer's own load event installs it first. Either way nothing deadlocks and the probe is installed.
        var written = File.ReadAllText(log);
        Assert.That(
            written.Contains("pending probe System.Web.HttpUtility.HtmlEncode(string): not installed while System.Web.HttpUtility loaded", StringComparison.Ordinal)
                || written.Contains("re-JIT requested for 1 method(s): HtmlEncode", StringComparison.Ordinal),
            Is.True,
            written);
        Assert.That(later.ProbeLines, Is.EqualTo(new[] { "Probe (encode)[tags=[]] = <i>" }), "installed off the load event");
        Assert.That(later.Result, Is.EqualTo("= &lt;i&gt;"));
        Assert.That(app.Send("square 3").Result, Is.EqualTo("= 9"));
    }

    private static TargetApp Start() =>
        TargetApp.Launch(Installation.InProcessTarget, [], new Dictionary<string, string> { ["DIAGNOSE_HOME"] = Installation.Out });
}
