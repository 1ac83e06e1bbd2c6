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
        using var holder = Holder.Take(gate);
        var released = false;
        Exception? failure = null;
        var enteredAfterRelease = false;
        var entering = new Thread(() =>
        {
            try
            {
                using (LoadEventGate.Enter(gate))
                {
                    enteredAfterRelease = Volatile.Read(ref released);
                }
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        entering.Start();

        // The entering thread blocks on the lock; it is let go only well past the patience, which it must not use.
        Assert.That(SpinWait.SpinUntil(() => entering.ThreadState.HasFlag(ThreadState.WaitSleepJoin), TimeSpan.FromSeconds(30)), Is.True, "the entering thread blocks on the lock");
        Thread.Sleep(LoadEventGate.Patience * 2); // not an assertion: only makes the wait outlast the patience
        holder.Release(() => Volatile.Write(ref released, true));
        entering.Join();

        Assert.That(failure, Is.Null);
        Assert.That(enteredAfterRelease, Is.True, "entered only after the other thread let go");
    }

    [Test]
    public void InsideAnAssemblyLoadALockHeldPastThePatienceEndsTheAttempt()
    {
        var gate = new object();
        using var holder = Holder.Take(gate);

        using (LoadEventGate.LoadEvent())
        {
            var busy = Assert.Throws<AgentBusyException>(() => LoadEventGate.Enter(gate).Dispose());
            Assert.That(busy!.Message, Does.Contain("held a lock for 0.2 s while an assembly loaded"));
        }

        Assert.That(holder.Holding, Is.True, "the lock was held all along: the attempt gave up, it did not win a race");
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

    /// <summary>Another thread that takes a lock and holds it until told to let go.</summary>
    private sealed class Holder : IDisposable
    {
        private readonly ManualResetEventSlim _letGo = new();
        private readonly Thread _thread;
        private Action? _beforeLettingGo;
        private volatile bool _holding;

        private Holder(object gate)
        {
            using var taken = new ManualResetEventSlim();
            _thread = new Thread(() =>
            {
                lock (gate)
                {
                    _holding = true;
                    taken.Set();
                    _letGo.Wait();
                    _beforeLettingGo?.Invoke();
                    _holding = false;
                }
            });
            _thread.Start();
            taken.Wait();
        }

        public bool Holding => _holding;

        public static Holder Take(object gate) => new(gate);

        /// <summary>Runs <paramref name="beforeLettingGo"/> on the holding thread, still inside the lock, then lets go.</summary>
        public void Release(Action? beforeLettingGo = null)
        {
            _beforeLettingGo = beforeLettingGo;
            _letGo.Set();
            _thread.Join();
        }

        public void Dispose()
        {
            _letGo.Set();
            _thread.Join();
            _letGo.Dispose();
        }
    }
}
