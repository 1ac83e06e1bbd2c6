using Diagnose.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace Diagnose.EndToEnd.Tests.Probes;

/// <summary>
/// Diagnose.Breakpoint (issue 14, part 3) in a process with nothing set up (tests/targets/InProcess/Race.cs): a
/// check-then-act race reproduced on purpose, and the rules (one thread held, released by Release, Dispose or the
/// hold timeout, Do on the held thread, a condition).
/// </summary>
public sealed class BreakpointTests
{
    [Test]
    public void HoldingTheFirstWithdrawalBetweenItsCheckAndItsActLetsTheSecondOverdrawEveryTime()
    {
        using var app = Start();

        Assert.That(app.Send("race sequential").Result, Is.EqualTo("= 20 True False"), "one after the other, the second is refused");
        Assert.That(app.Send("race held").Result, Is.EqualTo("= -60 True True hits=1"), "both passed the check: the race, on purpose");
        Assert.That(app.Send("race held").Result, Is.EqualTo("= -60 True True hits=1"), "and again: it does not depend on timing");
        Assert.That(app.Send("race sequential").Result, Is.EqualTo("= 20 True False"), "the breakpoint is gone with its using block");
    }

    [Test]
    public void AHeldThreadGoesOnAfterTheHoldTimeoutOrWhenTheBreakpointIsDisposed()
    {
        using var app = Start();

        Assert.That(app.Send("race breakpoint-timeout").Result, Is.EqualTo("= True True 70"));
        Assert.That(app.Send("race breakpoint-dispose").Result, Is.EqualTo("= True True True 40"));
    }

    [Test]
    public void DoRunsOnTheHeldThreadWhileItIsStillHeldAndAConditionThatNeverHoldsHoldsNothing()
    {
        using var app = Start();

        Assert.That(app.Send("race breakpoint-do").Result, Is.EqualTo("= True True 100 True 70"), "the action ran on the held thread, before its Apply");
        Assert.That(app.Send("race breakpoint-miss").Result, Is.EqualTo("= False True 90 hits=0"));
    }

    private static TargetApp Start() =>
        TargetApp.Launch(Installation.InProcessTarget, [], new Dictionary<string, string> { ["DIAGNOSE_HOME"] = Installation.Out });
}
