using System.Text.Json.Nodes;
using Diagnose.Guardrails;
using NUnit.Framework;
using static Diagnose.Tests.Guardrails.ProbeGuardTests;

namespace Diagnose.Tests.Guardrails;

/// <summary>
/// The CPU-share budget window by window, with real timed fires (each spins the thread's CPU) and the process's CPU
/// time of each window given by the test, so that nothing depends on what else runs on the machine.
/// </summary>
public sealed class CpuShareTests
{
    private static readonly TimeSpan Fire = TimeSpan.FromMilliseconds(1);

    [SetUp]
    public void NeedsTheThreadsCpuClock() => Assume.That(ThreadCpu.IsAvailable, "the thread's CPU time can be read here");

    [Test]
    public void AnInstrumentOverItsShareTwoSecondsInARowIsSwitchedOffWithTheNumbers()
    {
        var (instrument, guard) = Expensive();
        var share = new CpuShare();
        share.Close([guard], TimeSpan.FromSeconds(1)); // the first window starts

        Fires(guard, 20); // about 20 ms, against the minimum of 100 ms: about 20%
        share.Close([guard], TimeSpan.FromMilliseconds(50));
        Assert.That(instrument.IsEnabled, Is.True, "one window over the share is not enough");

        Fires(guard, 20);
        share.Close([guard], TimeSpan.FromMilliseconds(50));
        Assert.That(instrument.IsEnabled, Is.False);
        Assert.That(instrument.Error, Does.Match(@"^disabled: its instruments took about \d+ ms of the process's 50 ms of CPU time in one second \((\d+(\.\d)?)%\), two seconds in a row; budget 5%$"));
    }

    [Test]
    public void AWindowUnderTheShareInBetweenStartsTheCountAgain()
    {
        var (instrument, guard) = Expensive();
        var share = new CpuShare();
        share.Close([guard], TimeSpan.FromSeconds(1));

        Fires(guard, 20);
        share.Close([guard], TimeSpan.FromMilliseconds(50)); // over
        Fires(guard, 20);
        share.Close([guard], TimeSpan.FromSeconds(100)); // about 20 ms of 100 s: under
        Fires(guard, 20);
        share.Close([guard], TimeSpan.FromMilliseconds(50)); // over, once

        Assert.That(instrument.IsEnabled, Is.True, instrument.Error);
    }

    [Test]
    public void AWindowWithoutATimedFireChangesNothing()
    {
        var (instrument, guard) = Expensive();
        var share = new CpuShare();
        share.Close([guard], TimeSpan.FromSeconds(1));

        Fires(guard, 20);
        share.Close([guard], TimeSpan.FromMilliseconds(50)); // over
        share.Close([guard], TimeSpan.FromMilliseconds(50)); // no fire at all: neither over nor under
        Assert.That(instrument.IsEnabled, Is.True);

        Fires(guard, 20);
        share.Close([guard], TimeSpan.FromMilliseconds(50)); // over again: the second window in a row that says so
        Assert.That(instrument.IsEnabled, Is.False);
    }

    [Test]
    public void NoLimitMeansNeverSwitchedOff()
    {
        var (instrument, guard) = Expensive(cpuPercent: 0);
        var share = new CpuShare();
        share.Close([guard], TimeSpan.FromSeconds(1));
        for (var window = 0; window < 3; window++)
        {
            Fires(guard, 10);
            share.Close([guard], TimeSpan.FromMilliseconds(10));
        }

        Assert.That(instrument.IsEnabled, Is.True, instrument.Error);
    }

    [TestCase(50, 1000, 50, 5.0)]     // the plain share
    [TestCase(5, 20, 5, 5.0)]         // a nearly idle process: against at least 100 ms
    [TestCase(1895, 1540, 1540, 100.0)] // an estimate above what the whole process used is capped at it
    public void TheShareIsTheEstimateAgainstTheProcesssCpuTime(int estimatedMs, int usedMs, int expectedMs, double expectedPercent)
    {
        var (estimated, percent) = CpuShare.Share(TimeSpan.FromMilliseconds(estimatedMs), TimeSpan.FromMilliseconds(usedMs));

        Assert.That(estimated, Is.EqualTo(TimeSpan.FromMilliseconds(expectedMs)));
        Assert.That(percent, Is.EqualTo(expectedPercent).Within(1e-9));
    }

    private static (LogInstrument Instrument, ProbeGuard Guard) Expensive(double cpuPercent = 5)
    {
        var instrument = new LogInstrument("busy", "1", custom: new JsonObject { ["rate"] = 0, ["budgetMs"] = 1000, ["cpuPercent"] = cpuPercent });
        var guard = Guard(instrument);
        guard.MarkTimed();
        return (instrument, guard);
    }

    /// <summary>Fires that each take <see cref="Fire"/> of the thread's CPU time (every 8th is timed).</summary>
    private static void Fires(ProbeGuard guard, int count)
    {
        for (var i = 0; i < count; i++)
        {
            Assert.That(Call(guard, () => SpinCpu(Fire)), Is.True);
        }
    }
}
