using System.Globalization;
using Diagnose.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace Diagnose.EndToEnd.Tests.Cli;

/// <summary>
/// A process of another user: its diagnostics socket is its owner's only. Every command that connects to it says
/// whose it is and what to do, with exit code 4, instead of "Diagnose is not loaded"; <c>ps</c> marks it. Root, who
/// may use any socket, reaches another user's process. The tests run as root and switch to <c>nobody</c>.
/// </summary>
[NonParallelizable]
public sealed class AccessTests
{
    private const int PermissionDenied = 4;

    [OneTimeSetUp]
    public void OtherUserAvailable()
    {
        if (OtherUser.WhyUnavailable() is { } why)
        {
            Assert.Ignore(why);
        }
    }

    [Test]
    public void EveryCommandThatConnectsToAnotherUsersProcessSaysWhoseItIsWithExitCodeFour()
    {
        using var app = TargetApp.Start(TargetRuntime.Net10, StartMode.Attached);
        Assert.That(app.Attach!.ExitCode, Is.EqualTo(0), app.Attach.ToString());
        var pid = app.Pid.ToString(CultureInfo.InvariantCulture);
        var specs = Path.Combine(Path.GetTempPath(), $"diagnose-access-{Guid.NewGuid():N}.json");
        File.WriteAllText(specs, """{ "add": { "target": "Sample.Calculator.Add13", "instrument": { "type": "log", "name": "add", "value": "result" } } }""");
        using var removeSpecs = new Cleanup(() => File.Delete(specs));

        string[][] commands =
        [
            ["probe", "ls", pid],
            ["probe", "add", pid, "Sample.Calculator.Add13", "--value", "result"],
            ["probe", "rm", pid, "add"],
            ["attach", pid],
            ["watch", pid],
            ["apply", pid, specs],
        ];
        foreach (var command in commands)
        {
            var run = ToolRun.AsOtherUser(command);
            Assert.That(run.ExitCode, Is.EqualTo(PermissionDenied), $"{string.Join(' ', command)}: {run}");
            Assert.That(run.Error, Does.StartWith($"diagnose: permission denied: process {pid} belongs to root; run diagnose as that user (or sudo -u root diagnose {command[0]} "), run.ToString());
        }

        var ls = ToolRun.AsOtherUser("probe", "ls", pid);
        Assert.That(ls.Error.Trim(), Is.EqualTo($"diagnose: permission denied: process {pid} belongs to root; run diagnose as that user (or sudo -u root diagnose probe ls {pid})"));
        Assert.That(app.Send("add13 5").Result, Is.EqualTo("= 18"), "the target is unaffected");
    }

    [Test]
    public void PsMarksAnotherUsersProcessInsteadOfFailing()
    {
        using var app = TargetApp.Start(TargetRuntime.Net10, StartMode.Attached);
        Assert.That(app.Attach!.ExitCode, Is.EqualTo(0), app.Attach.ToString());

        var ps = ToolRun.AsOtherUser("ps");

        Assert.That(ps.ExitCode, Is.EqualTo(0), ps.ToString());
        Assert.That(ps.Output, Does.Match($@"(?m)^{app.Pid} +no access \(user root\) +Sample\b"), ps.ToString());
        Assert.That(ToolRun.Of("ps").Output, Does.Match($@"(?m)^{app.Pid} +agent +Sample\b"), "its owner sees it as usual");
    }

    [Test]
    public void RootReachesAProcessOfAnotherUserAndItsProbesWork()
    {
        using var app = TargetApp.Launch(OtherUser.Program, [.. OtherUser.Arguments, Installation.Target(TargetRuntime.Net10)]);
        Assert.That(File.ReadAllText($"/proc/{app.Pid}/status"), Does.Match(@"(?m)^Uid:\s+65534\s"), "the target runs as nobody");
        var pid = app.Pid.ToString(CultureInfo.InvariantCulture);

        var attach = ToolRun.Of("attach", pid);
        var add = ToolRun.Of("probe", "add", pid, "Sample.Calculator.Add13", "--value", "result", "--id", "add");
        var call = app.Send("add13 5", probeLines: 1);

        Assert.That(attach.ExitCode, Is.EqualTo(0), attach + "\n" + app.StandardError);
        Assert.That(add.ExitCode, Is.EqualTo(0), add.ToString());
        Assert.That(call.ProbeLines, Is.EqualTo(new[] { "Probe (Sample.Calculator.Add13)[tags=[]] = 18" }));
        var asOwner = ToolRun.AsOtherUser("probe", "ls", pid);
        Assert.That(asOwner.ExitCode, Is.EqualTo(0), "its owner reaches it too: " + asOwner);
        Assert.That(asOwner.Output, Does.Contain("Sample.Calculator.Add13"));
    }

    private sealed class Cleanup(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
