using System.Diagnostics;
using Diagnose.Cli.Processes;
using NUnit.Framework;

namespace Diagnose.Tests.Cli;

public sealed class DiagnosticsSocketNameTests
{
    [TestCase("dotnet-diagnostic-4242-1880836-socket", 4242, 1880836UL)]
    [TestCase("dotnet-diagnostic-1-0-socket", 1, 0UL)]
    public void TheNameGivesPidAndKey(string name, int pid, ulong key) =>
        Assert.That(DiagnosticsSocketName.Parse(name), Is.EqualTo((pid, key)));

    [TestCase("dotnet-diagnostic-4242-socket")]
    [TestCase("dotnet-diagnostic-x-1-socket")]
    [TestCase("dotnet-diagnostic-4242-1-socket.lock")]
    [TestCase("dotnet-diagnostic--1-1-socket")]
    public void OtherNamesAreNotDiagnosticsSockets(string name) => Assert.That(DiagnosticsSocketName.Parse(name), Is.Null);

    [Test]
    public void TheKeyOfThisProcesssOwnSocketIsItsStartTime()
    {
        // A process killed earlier may have left a socket under this very pid: only one is keyed by our start time.
        var withOurPid = Directory.GetFiles(Path.GetTempPath(), $"dotnet-diagnostic-{Environment.ProcessId}-*-socket").Select(Path.GetFileName).ToList();
        var start = DiagnosticsSocketName.StartTime(Environment.ProcessId);
        var own = withOurPid.Where(n => DiagnosticsSocketName.Parse(n!)!.Value.Key == start).ToList();

        Assert.That(own, Has.Count.EqualTo(1), $"this process's socket is keyed by its start time {start}: {string.Join(", ", withOurPid)}");
        Assert.That(DiagnosticsSocketName.IsOfRunningProcess(own[0]!), Is.True);
        Assert.That(withOurPid.Except(own).Where(n => DiagnosticsSocketName.IsOfRunningProcess(n!)), Is.Empty, "left behind by earlier processes with this pid");
        Assert.That(DiagnosticsSocketName.IsOfRunningProcess($"dotnet-diagnostic-{Environment.ProcessId}-1-socket"), Is.False, "left behind by an earlier process with this pid");
    }

    [Test]
    public void PsSkipsASocketLeftBehindUnderThePidOfAnotherProcess()
    {
        var directory = Directory.CreateTempSubdirectory("diagnose-sockets-").FullName;
        using var sleeper = Process.Start(new ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;
        try
        {
            var start = DiagnosticsSocketName.StartTime(sleeper.Id)!.Value;
            File.WriteAllText(Path.Combine(directory, $"dotnet-diagnostic-{sleeper.Id}-{start + 1}-socket"), string.Empty);
            var stale = ProcessScanner.Scan([directory]).Select(p => p.Pid).ToList();
            File.WriteAllText(Path.Combine(directory, $"dotnet-diagnostic-{sleeper.Id}-{start}-socket"), string.Empty);
            var live = ProcessScanner.Scan([directory]).Select(p => p.Pid).ToList();

            Assert.That(stale, Is.Empty);
            Assert.That(live, Is.EqualTo(new[] { sleeper.Id }));
        }
        finally
        {
            sleeper.Kill();
            Directory.Delete(directory, recursive: true);
        }
    }
}
