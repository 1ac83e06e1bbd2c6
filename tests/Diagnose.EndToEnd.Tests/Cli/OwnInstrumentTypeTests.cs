using System.Globalization;
using Diagnose.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace Diagnose.EndToEnd.Tests.Cli;

/// <summary>
/// Instrument classes of the app's own, named out of band by their full name (<c>--type MyCompany.Diag.SlowLog</c>,
/// a spec's <c>instrument.type</c>): found in the loaded assemblies, refused with the condition that failed, and
/// refused when built on another copy of Diagnose.Agent than the one attached. The target (tests/targets/OwnInstruments)
/// has Diagnose.Agent in its own folder; the process runs that copy as its agent.
/// </summary>
[NonParallelizable]
public sealed class OwnInstrumentTypeTests
{
    private const string Add13 = "Sample.Calculator.Add13";

    private static string AppFolder => Path.GetDirectoryName(Installation.OwnInstrumentsTarget)!;

    [Test]
    public void ASpecOfTheAppsOwnTypeFromASpecsPathFiresItInALaunchedProcess()
    {
        var folder = Directory.CreateTempSubdirectory("diagnose-types-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "probes.json"), $$"""{ "slow": { "target": "{{Add13}}", "instrument": { "type": "MyCompany.Diag.SlowLog", "name": "slow", "value": "result", "custom": { "over": 10 } } } }""");
            using var app = TargetApp.Launch(Installation.Diagnose, ["run", "--specs", folder, "--", Installation.OwnInstrumentsTarget]);

            var over = app.SendUntil("add13 1", r => r.Lines.Count > 0);
            var under = app.Send("add13 -10");

            Assert.That(over.Lines, Is.EqualTo(new[] { "slow (slow) 14 []" }), app.StandardError);
            Assert.That(over.Result, Is.EqualTo("= 14"));
            Assert.That(under.Lines, Is.Empty, "3 is under the class's own threshold (custom.over)");
            Assert.That(under.Result, Is.EqualTo("= 3"));
            AssertTheAgentIsTheAppsCopy(app);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void AProbeOfTheAppsOwnTypeAddedAfterAttachFiresIt()
    {
        using var app = TargetApp.Launch(Installation.OwnInstrumentsTarget, []);
        var loaded = app.Send("own-types");
        Assert.That(loaded.Result, Is.EqualTo($"= {Path.Combine(AppFolder, "Diagnose.Agent.dll")}"), "the app loaded its copy before the attach");
        var attach = ToolRun.Of("attach", Pid(app));
        Assert.That(attach.ExitCode, Is.EqualTo(0), attach.ToString() + app.StandardError);

        var add = ToolRun.Of("probe", "add", Pid(app), Add13, "--type", "MyCompany.Diag.SlowLog", "--value", "result", "--id", "slow", "--name", "slow");
        var call = app.Send("add13 5");

        Assert.That(add.ExitCode, Is.EqualTo(0), add.ToString());
        Assert.That(add.Output, Is.EqualTo($"slow\t{Add13}\tinstalled\n"));
        Assert.That(call.Lines, Is.EqualTo(new[] { "slow (slow) 18 []" }));
        Assert.That(call.Result, Is.EqualTo("= 18"));
        AssertTheAgentIsTheAppsCopy(app);
    }

    [Test]
    public void TypesThatCannotBeInstrumentsAreRefusedWithTheConditionThatFailed()
    {
        using var app = Attached();
        var cases = new (string Type, string Error)[]
        {
            ("MyCompany.Diag.Missing", "error: no loaded assembly has a class 'MyCompany.Diag.Missing' (is the assembly loaded yet?"),
            ("MyCompany.Diag.Formatter", "error: 'MyCompany.Diag.Formatter' is not a subclass of Diagnose.Instrument"),
            ("MyCompany.Diag.BaseLog", "error: 'MyCompany.Diag.BaseLog' is abstract"),
            ("MyCompany.Diag.NamedOnly", "error: instrument class MyCompany.Diag.NamedOnly needs a constructor (string name, string value, InstrumentEvent @event, DateTimeOffset? expires, JsonObject? custom)"),
        };

        foreach (var (type, error) in cases)
        {
            var add = ToolRun.Of("probe", "add", Pid(app), Add13, "--type", type, "--value", "result", "--id", "bad");

            Assert.That(add.ExitCode, Is.EqualTo(1), add.ToString());
            Assert.That(add.Output, Does.StartWith($"bad\t{Add13}\t{error}"), type);
        }

        var call = app.Send("add13 5");
        Assert.That(call.Lines, Is.Empty);
        Assert.That(call.Result, Is.EqualTo("= 18"));
    }

    [Test]
    public void AClassBuiltOnAPluginsOwnCopyOfTheAgentIsRefusedNamingBothCopies()
    {
        using var app = TargetApp.Launch(Installation.OwnInstrumentsTarget, []);
        var plugin = Path.Combine(AppFolder, "plugin", "Diagnose.Agent.dll");
        Assert.That(app.Send("load-plugin").Result, Is.EqualTo($"= {plugin}"));
        Assert.That(ToolRun.Of("attach", Pid(app)).ExitCode, Is.EqualTo(0));

        var add = ToolRun.Of("probe", "add", Pid(app), Add13, "--type", "Plugin.Diag.PluginLog", "--value", "result", "--id", "plugin");

        Assert.That(add.ExitCode, Is.EqualTo(1), add.ToString());
        Assert.That(add.Output, Does.Contain(
            $"error: 'Plugin.Diag.PluginLog' derives from Diagnose.Instrument of Diagnose.Agent 0.1.0.0 loaded from {plugin} in load context 'plugin', " +
            $"not from the attached agent's (Diagnose.Agent 0.1.0.0 loaded from {Path.Combine(AppFolder, "Diagnose.Agent.dll")} in load context 'Default'): " +
            "its load context has a copy of Diagnose.Agent of its own"));
        Assert.That(app.Send("add13 5").Result, Is.EqualTo("= 18"));
    }

    /// <summary>The runtime binds the agent's startup hook to the app's copy (on its list of the app's assemblies), not the installation's.</summary>
    private static void AssertTheAgentIsTheAppsCopy(TargetApp app)
    {
        var agents = TargetMaps.Diagnose(app.Pid).Where(p => p.EndsWith("/Diagnose.Agent.dll", StringComparison.Ordinal)).ToList();
        Assert.That(agents, Is.EqualTo(new[] { Path.Combine(AppFolder, "Diagnose.Agent.dll") }));
    }

    private static TargetApp Attached()
    {
        var app = TargetApp.Launch(Installation.OwnInstrumentsTarget, []);
        var attach = ToolRun.Of("attach", Pid(app));
        if (attach.ExitCode != 0)
        {
            app.Dispose();
            Assert.Fail(attach.ToString());
        }

        return app;
    }

    private static string Pid(TargetApp app) => app.Pid.ToString(CultureInfo.InvariantCulture);
}
