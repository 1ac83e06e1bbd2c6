using Diagnose.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace Diagnose.EndToEnd.Tests.Deploy;

/// <summary>
/// The .NET tool package, installed offline from out/packages into a folder of its own, is all a machine needs:
/// with DIAGNOSE_HOME unset the installed command attaches to a running process and probes it.
/// </summary>
public sealed class ToolPackageTests
{
    private InstalledTool _tool = null!;

    [OneTimeSetUp]
    public void InstallTheTool() => _tool = InstalledTool.Install();

    [OneTimeTearDown]
    public void RemoveTheTool() => _tool.Dispose();

    [Test]
    public void ThePackageInstallsFromTheLocalSourceAlone()
    {
        Assert.That(_tool.InstallRun.ExitCode, Is.EqualTo(0), _tool.InstallRun.ToString());
        Assert.That(_tool.InstallRun.Output, Does.Contain($"Tool 'diagnose' (version '{InstalledTool.PackageVersion}') was successfully installed."));
        Assert.That(File.Exists(_tool.Diagnose), Is.True);
    }

    [Test]
    public void TheInstalledCommandPrintsThePackagesVersion()
    {
        var run = _tool.Run("--version");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Output.Trim(), Does.Match($"^{InstalledTool.PackageVersion.Replace(".", "\\.")}(\\+[0-9a-f]+)?$"));
    }

    [Test]
    public void TheInstalledCommandAttachesToARunningProcessAndProbesIt()
    {
        using var app = TargetApp.Launch(Installation.Target(TargetRuntime.Net10), []);

        var attach = _tool.Run("attach", app.Pid.ToString());
        var add = _tool.Run("probe", "add", app.Pid.ToString(), "Sample.Calculator.Add13", "--value", "arg", "--event", "call", "--name", "from-tool");

        Assert.That(attach.ExitCode, Is.EqualTo(0), attach.ToString());
        Assert.That(add.ExitCode, Is.EqualTo(0), add.ToString());
        Assert.That(add.Output, Does.EndWith("\tSample.Calculator.Add13\tinstalled\n"));
        Assert.That(app.Send("add13 5").ProbeLines, Is.EqualTo(new[] { "Probe (from-tool)[tags=[]] = 5" }));
        var loaded = TargetMaps.Diagnose(app.Pid);
        Assert.That(loaded, Has.Some.EndsWith("/native/linux-x64/libDiagnose.Profiler.so").And.All.StartWith(_tool.Folder + "/tools/.store/diagnose/"), "the parts come from the installed tool, not out/");
    }
}
