using Diagnose.Cli.Processes;
using NUnit.Framework;

namespace Diagnose.Tests.Cli;

/// <summary>
/// Which agent file <c>diagnose run</c> gives the startup hook: the app's own Diagnose.Agent.dll when the app's folder
/// has one (an app built against the in-process API), else the installation's.
/// </summary>
public sealed class AgentCopyTests
{
    private string _folder = null!;
    private string _app = null!;
    private string _bin = null!;

    [SetUp]
    public void MakeFolders()
    {
        _folder = Directory.CreateTempSubdirectory("diagnose-agentcopy-").FullName;
        _app = Directory.CreateDirectory(Path.Combine(_folder, "app")).FullName;
        _bin = Directory.CreateDirectory(Path.Combine(_folder, "bin")).FullName;
        File.WriteAllText(Path.Combine(_app, "Shop.dll"), string.Empty);
        File.WriteAllText(Path.Combine(_app, "Shop"), string.Empty);
        File.WriteAllText(Path.Combine(_bin, "dotnet"), string.Empty);
    }

    [TearDown]
    public void RemoveFolders() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void TheAppsOwnCopyIsUsedForDotnetAndADll()
    {
        var own = Path.Combine(_app, "Diagnose.Agent.dll");
        File.WriteAllText(own, string.Empty);

        Assert.That(AgentCopy.ForLaunch(["dotnet", "exec", Path.Combine(_app, "Shop.dll"), "--port", "1"], "/opt/diagnose/agent/Diagnose.Agent.dll", _bin), Is.EqualTo(own));
        Assert.That(AgentCopy.ForLaunch([Path.Combine(_app, "Shop")], "/opt/diagnose/agent/Diagnose.Agent.dll", _bin), Is.EqualTo(own), "an apphost");
        Assert.That(AgentCopy.ForLaunch(["Shop"], "/opt/diagnose/agent/Diagnose.Agent.dll", $"/nonexistent:{_app}"), Is.EqualTo(own), "found on PATH");
    }

    [Test]
    public void WithoutACopyInTheAppsFolderTheInstallationsIsUsed()
    {
        const string installed = "/opt/diagnose/agent/Diagnose.Agent.dll";

        Assert.That(AgentCopy.ForLaunch(["dotnet", Path.Combine(_app, "Shop.dll")], installed, _bin), Is.EqualTo(installed));
        Assert.That(AgentCopy.ForLaunch([Path.Combine(_app, "Shop")], installed, _bin), Is.EqualTo(installed));
        Assert.That(AgentCopy.ForLaunch(["no-such-program"], installed, _bin), Is.EqualTo(installed), "the start itself then fails with its own error");
        Assert.That(AgentCopy.ForLaunch(["dotnet", "--info"], installed, _bin), Is.EqualTo(installed), "dotnet without an app");
    }
}
