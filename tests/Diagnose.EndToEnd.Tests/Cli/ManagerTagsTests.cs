using System.Globalization;
using Diagnose.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace Diagnose.EndToEnd.Tests.Cli;

/// <summary>
/// Manager tags out of band: the process's DIAGNOSE_TAGS and the settings.json beside its specs go before every
/// instrument's own tags, for specs from a path (launched and attached) and from the channel.
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
