using Diagnose.Cli.Processes;
using Diagnose.Cli.Sidecar;
using NUnit.Framework;

namespace Diagnose.Tests.Cli;

/// <summary>Which processes a sidecar takes care of.</summary>
public sealed class ProcessFilterTests
{
    [TestCase("dotnet /app/MyService.dll", true)]
    [TestCase("/usr/share/dotnet/dotnet /usr/share/dotnet/sdk/10.0.401/MSBuild.dll /nologo", false)]
    [TestCase("dotnet /opt/diagnose/cli/diagnose.dll watch 12", false)]
    [TestCase("dotnet exec testhost.dll --port 1", false)]
    public void EverythingButTheSdksToolsAndDiagnoseItself(string commandLine, bool wanted)
    {
        Assert.That(new ProcessFilter([], []).Wants(Process(commandLine)), Is.EqualTo(wanted));
    }

    [Test]
    public void MatchNarrowsAndExcludeWins()
    {
        var filter = new ProcessFilter(["MyService", "Worker"], ["--canary"]);

        Assert.That(filter.Wants(Process("dotnet MyService.dll")), Is.True);
        Assert.That(filter.Wants(Process("./Worker")), Is.True);
        Assert.That(filter.Wants(Process("dotnet Other.dll")), Is.False);
        Assert.That(filter.Wants(Process("dotnet MyService.dll --canary")), Is.False);
    }

    [Test]
    public void AProcessWithoutACommandLineIsJudgedByItsName()
    {
        Assert.That(new ProcessFilter(["Sample"], []).Wants(new DotnetProcess(7, "Sample", string.Empty, DiagnoseState.None)), Is.True);
    }

    private static DotnetProcess Process(string commandLine) => new(7, "x", commandLine, DiagnoseState.None);
}
