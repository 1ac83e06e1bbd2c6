using Diagnose.Cli;
using Diagnose.Cli.Processes;
using NUnit.Framework;

namespace Diagnose.Tests.Cli;

public sealed class ProcessOwnerTests
{
    [Test]
    public void ThisProcessBelongsToTheUserRunningIt()
    {
        Assert.That(ProcessOwner.UidOf(Environment.ProcessId), Is.EqualTo(ProcessOwner.CurrentUid));
        Assert.That(ProcessOwner.Describe(Environment.ProcessId), Is.EqualTo(Environment.UserName));
    }

    [Test]
    public void UsersAreNamedFromThePasswordFileOrByTheirNumber()
    {
        Assert.That(ProcessOwner.NameOf(0), Is.EqualTo("root"));
        Assert.That(ProcessOwner.NameOf(4_000_000_000), Is.EqualTo("uid 4000000000"));
    }

    [Test]
    public void AProcessThatDoesNotExistHasNoOwner()
    {
        Assert.That(ProcessOwner.UidOf(int.MaxValue), Is.Null);
        Assert.That(ProcessOwner.Describe(int.MaxValue), Is.EqualTo("another user"));
    }

    [Test]
    public void DeniedNamesTheOwnerAndHasItsOwnExitCode()
    {
        var denied = ProcessOwner.Denied(Environment.ProcessId);

        Assert.That(denied.ExitCode, Is.EqualTo(ExitCodes.PermissionDenied).And.EqualTo(4));
        Assert.That(denied.Message, Does.StartWith($"permission denied: process {Environment.ProcessId} belongs to {Environment.UserName}; run diagnose as that user (or sudo -u {Environment.UserName} diagnose"));
    }
}
