using NUnit.Framework;

namespace Diagnose.Tests.Engine;

public sealed class LoadEventGateTests
{
    private TimeSpan _patience;

    [SetUp]
    public void ShortPatience()
    {
        _patience = LoadEventGate.Patience;
        LoadEventGate.Patience = TimeSpan.FromMilliseconds(200);
    }

    [TearDown]
    public void RestorePatience() => LoadEventGate.Patience = _patience;

    [Test]
    public void OutsideAnAssemblyLoadEnteringWaitsAsLongAsTheLockIsHeld()
    {
        var gate = new object();
        var holding = HeldElsewhere(gate, TimeSpan.FromMilliseconds(600));

        using (LoadEventGate.Enter(gate))
        {
            Assert.That(holding.IsCompleted, Is.True, "entered only after the other thread let go, past the patience");
        }
    }

    [Test]
    public void InsideAnAssemblyLoadALockHeldPastThePatienceEndsTheAttempt()
    {
        var gate = new object();
        var holding = HeldElsewhere(gate, TimeSpan.FromSeconds(2));

        using (LoadEventGate.LoadEvent())
        {
            var busy = Assert.Throws<AgentBusyException>(() => LoadEventGate.Enter(gate).Dispose());
            Assert.That(busy!.Message, Does.Contain("held a lock for 0.2 s while an assembly loaded"));
        }

        Assert.That(holding.IsCompleted, Is.False);
        holding.Wait();
    }

    [Test]
    public void InsideAnAssemblyLoadAFreeOrOwnLockIsEnteredAtOnce()
    {
        var gate = new object();
        using (LoadEventGate.LoadEvent())
        using (LoadEventGate.Enter(gate))
        using (LoadEventGate.Enter(gate))
        {
            Assert.That(Monitor.IsEntered(gate), Is.True);
        }

        Assert.That(Monitor.IsEntered(gate), Is.False);
    }

    [Test]
    public void TheLoadEventMarkEndsWithItsScopeAndNests()
    {
        using (LoadEventGate.LoadEvent())
        {
            using (LoadEventGate.LoadEvent())
            {
                Assert.That(LoadEventGate.InLoadEvent, Is.True);
            }

            Assert.That(LoadEventGate.InLoadEvent, Is.True, "the outer event is still running");
        }

        Assert.That(LoadEventGate.InLoadEvent, Is.False);
    }

    /// <summary>Another thread takes the lock, holds it for <paramref name="time"/>, then lets go.</summary>
    private static Task HeldElsewhere(object gate, TimeSpan time)
    {
        using var taken = new ManualResetEventSlim();
        var task = Task.Factory.StartNew(() =>
        {
            lock (gate)
            {
                taken.Set();
                Thread.Sleep(time);
            }
        }, TaskCreationOptions.LongRunning);
        taken.Wait();
        return task;
    }
}
