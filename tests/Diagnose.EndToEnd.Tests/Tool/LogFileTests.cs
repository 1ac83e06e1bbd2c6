using Diagnose.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace Diagnose.EndToEnd.Tests.Tool;

/// <summary>The log a process under Diagnose writes (the profiler's, which carries the agent's lines too).</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class LogFileTests
{
    [Test]
    public void TheLogIsReadableByItsOwnerOnlyAndOldLogsOfDiagnoseArePrunedWhenItStarts()
    {
        var directory = Directory.CreateTempSubdirectory("diagnose-logs-").FullName;
        try
        {
            var old = Path.Combine(directory, "diagnose-1.log");
            var recent = Path.Combine(directory, "diagnose-2.log.1");
            var foreign = Path.Combine(directory, "app.log");
            foreach (var file in new[] { old, recent, foreign })
            {
                File.WriteAllText(file, "earlier\n");
            }

            File.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddDays(-8));
            File.SetLastWriteTimeUtc(recent, DateTime.UtcNow.AddDays(-6));
            File.SetLastWriteTimeUtc(foreign, DateTime.UtcNow.AddDays(-30));
            var log = Path.Combine(directory, "diagnose-999999.log");

            using var app = TargetApp.Start(TargetRuntime.Net10, StartMode.Attached, environment: new Dictionary<string, string> { ["DIAGNOSE_LOG"] = log });
            Assert.That(app.Attach!.ExitCode, Is.EqualTo(0), app.Attach.ToString());

            Assert.That(File.GetUnixFileMode(log), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
            Assert.That(File.ReadAllText(log), Does.Contain("deleted 1 old Diagnose log file(s)"));
            Assert.That(File.Exists(old), Is.False, "not written for 8 days");
            Assert.That(File.Exists(recent), Is.True, "written 6 days ago");
            Assert.That(File.Exists(foreign), Is.True, "not Diagnose's");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
