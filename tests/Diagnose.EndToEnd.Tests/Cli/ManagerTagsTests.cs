using System.Globalization;
using Diagnose.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace Diagnose.EndToEnd.Tests.Cli;

/// <summary>
/// Manager tags out of band: the process's DIAGNOSE_TAGS and the settings.json beside its specs go before every
/// instrument's own tags, for specs from a path (launched and attached), from the channel, and from a sidecar (the
/// settings.json beside its store).
/// </summary>
[NonParallelizable]
public sealed class ManagerTagsTests
{
    private static readonly Dictionary<string, string> s_tags = new() { ["DIAGNOSE_TAGS"] = "service:web, env:prod,oops" };

    [Test]
    public void AProbeAddedThroughTheChannelCarriesTheProcessTags()
    {
        using var app = TargetApp.Start(TargetRuntime.Net10, StartMode.Attached, environment: s_tags);
        Assert.That(app.Attach!.ExitCode, Is.EqualTo(0), app.Attach.ToString());
        var pid = app.Pid.ToString(CultureInfo.InvariantCulture);

        var add = ToolRun.Of("probe", "add", pid, "Sample.Calculator.Add13", "--id", "tagged", "--name", "tagged", "--tags", "new { region = \"eu\" }");
        Assert.That(add.ExitCode, Is.EqualTo(0), add.ToString());
        var call = app.Send("add13 5", probeLines: 1);

        Assert.That(call.ProbeLines, Is.EqualTo(new[] { "Probe (tagged)[tags=[service:web, env:prod, region:eu]] = 18" }), "the malformed 'oops' is left out");
    }

    [Test]
    public void ASidecarSendsTheTagsOfTheSettingsBesideItsStoreWithItsSpecs()
    {
        var marker = $"--tags-test-{Guid.NewGuid():N}";
        using var specs = new SpecFile().Add("add", "Sample.Calculator.Add13", "result").Save();
        var settings = Path.Combine(Path.GetDirectoryName(specs.Path)!, "settings.json");
        File.WriteAllText(settings, """{ "tags": { "env": "staging", "team": "pay" } }""");
        using var app = TargetApp.Launch(Installation.Target(TargetRuntime.Net10), [marker], s_tags);
        using var sidecar = BackgroundTool.Start("sidecar", "--store", Path.GetDirectoryName(specs.Path)!, "--interval", "0.5", "--match", marker);
        Assert.That(specs.WaitApplied(app.Pid, "add", TimeSpan.FromSeconds(30)), Is.Null, sidecar.ToString());

        var first = app.Send("add13 1");
        File.WriteAllText(settings, """{ "tags": ["team:ops"] }""");
        var changed = app.SendUntil("add13 1", r => r.ProbeLines.SingleOrDefault() != first.ProbeLines.SingleOrDefault());

        Assert.That(first.ProbeLines, Is.EqualTo(new[] { "Probe (add)[tags=[service:web, env:prod, team:pay]] = 14" }), "merged as for a specs path: the variable's env wins");
        Assert.That(changed.ProbeLines, Is.EqualTo(new[] { "Probe (add)[tags=[service:web, env:prod, team:ops]] = 14" }), "a change of the file reaches the process");
        Assert.That(sidecar.Stop(), Is.EqualTo(0), sidecar.ToString());
    }

    [TestCase(StartMode.Launched)]
    [TestCase(StartMode.Attached)]
    public void SpecsFromAPathCarryTheVariableAndTheSettingsBesideThem(StartMode mode)
    {
        var folder = Directory.CreateTempSubdirectory("diagnose-tags-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "probes.json"), """{ "add": { "target": "Sample.Calculator.Add13", "instrument": { "type": "log", "name": "add", "value": "result" } } }""");
            File.WriteAllText(Path.Combine(folder, "settings.json"), """{ "tags": { "env": "staging", "team": "pay" } }""");
            using var app = TargetApp.Start(TargetRuntime.Net10, mode, folder, s_tags);
            if (mode == StartMode.Attached)
            {
                Assert.That(app.Attach!.ExitCode, Is.EqualTo(0), app.Attach.ToString());
                Assert.That(app.Attach.Output, Does.Not.Contain("settings"), "settings.json holds no specs");
            }

            var call = app.SendUntil("add13 1", r => r.ProbeLines.Count > 0);

            Assert.That(call.ProbeLines, Is.EqualTo(new[] { "Probe (add)[tags=[service:web, env:prod, team:pay]] = 14" }), "the variable's env wins over the file's");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
