using System.Diagnostics;
using System.Globalization;
using Diagnose.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace Diagnose.EndToEnd.Tests.Discovery;

/// <summary>What <c>methods</c> says about a process it cannot list: the same errors and exit codes as the other commands.</summary>
public sealed class MethodsBadInputTests
{
    [Test]
    public void AProcessThatDoesNotExistIsNotFoundWithExitCodeThree()
    {
        var run = ToolRun.Of("methods", "999999", "Sample");
        Assert.That(run.ExitCode, Is.EqualTo(3), run.ToString());
        Assert.That(run.Error.Trim(), Is.EqualTo("diagnose: process 999999 was not found; 'diagnose ps' lists the .NET processes you can reach"));
    }

    [Test]
    public void AProcessWithoutTheRuntimeIsNotADotnetProcess()
    {
        using var sleep = Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;
        try
        {
            var run = ToolRun.Of("methods", sleep.Id.ToString(CultureInfo.InvariantCulture));
            Assert.That(run.ExitCode, Is.EqualTo(3), run.ToString());
            Assert.That(run.Error, Does.Contain($"process {sleep.Id} is not a .NET process"));
        }
        finally
        {
            sleep.Kill();
        }
    }

    [Test]
    public void AnotherUsersProcessIsPermissionDeniedWithExitCodeFour()
    {
        if (OtherUser.WhyUnavailable() is { } why)
        {
            Assert.Ignore(why);
        }

        using var app = TargetApp.Start(TargetRuntime.Net10, StartMode.Attached, attachNow: false);
        var pid = app.Pid.ToString(CultureInfo.InvariantCulture);
        var run = ToolRun.AsOtherUser("methods", pid, "Sample");
        Assert.That(run.ExitCode, Is.EqualTo(4), run.ToString());
        Assert.That(run.Error.Trim(), Is.EqualTo($"diagnose: permission denied: process {pid} belongs to root; run diagnose as that user (or sudo -u root diagnose methods {pid} Sample)"));
    }
}
