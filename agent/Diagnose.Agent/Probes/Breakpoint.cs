using System.Text.Json.Nodes;

namespace Diagnose;

/// <summary>When a breakpoint holds a thread: on entry, after the body, or at its end with the locals.</summary>
public enum BreakpointEvent
{
    Call = 0,
    Return = 1,
    End = 2,
}

/// <summary>
/// Holds a thread at a probe until the test lets it go, so a race can be reproduced on purpose (an in-process API
/// for tests):
/// <code>
/// using var bp = Breakpoint.At("Shop.Account.Apply", BreakpointEvent.Call, condition: "amount == 80");
/// var first = Task.Run(() => account.TryWithdraw(80));    // checks the balance, then is held in Apply
/// Assert.That(bp.WaitHit(TimeSpan.FromSeconds(10)));      // the thread is held now
/// account.TryWithdraw(80);                                // passes: a breakpoint holds one thread, then is done
/// bp.Release();                                           // the first goes on: the balance is -60
/// </code>
/// Rules: it holds the first thread whose call reaches it and whose condition holds; threads that come while one is
/// held, or after it was released, go through (<see cref="Arm"/> holds the next one again). A held thread is let go by
/// <see cref="Release"/>, by Dispose, and by itself after the hold timeout (30 s by default), so a failing test never
/// leaves a thread stuck. Never hold the thread that calls <see cref="WaitHit"/> or <see cref="Release"/>; holding a
/// thread-pool thread takes one worker from the pool for as long as it is held (the pool adds workers only after a
/// delay), so hold pool threads briefly and do not wait on the pool while one is held. A held thread runs inside
/// an instrument: probes do not fire for code it runs through <see cref="Do"/>.
/// </summary>
public sealed class Breakpoint : IDisposable
{
    private readonly Probe _probe;
    private readonly string _key = $"breakpoint:{Guid.NewGuid():N}";
    private readonly HoldingInstrument _instrument;
    private int _disposed;

    private Breakpoint(string target, BreakpointEvent @event, string? condition, TimeSpan holdTimeout)
    {
        var custom = new JsonObject { ["rate"] = 0, ["budgetMs"] = 3_600_000, ["cpuPercent"] = 0 };
        if (condition is not null)
        {
            custom["condition"] = condition;
        }

        _instrument = new HoldingInstrument(_key, (InstrumentEvent)@event, custom, holdTimeout);
        _probe = OwnInstrument.Add(target, _key, _instrument);
    }

    /// <summary>Threads held so far.</summary>
    public int Hits => _instrument.Hits;

    /// <summary>A breakpoint on <paramref name="target"/> (any probe target); armed at once.</summary>
    /// <param name="target">The method (or <c>File.cs:LINE</c>).</param>
    /// <param name="event">Where in the call the thread is held.</param>
    /// <param name="condition">A boolean expression over the event's names (e.g. <c>id == 3</c>); null: every call.</param>
    /// <param name="holdTimeout">How long a thread is held at most (default 30 s).</param>
    /// <exception cref="DiagnoseException">The target cannot be probed or the condition does not compile.</exception>
    public static Breakpoint At(string target, BreakpointEvent @event = BreakpointEvent.Call, string? condition = null, TimeSpan? holdTimeout = null) =>
        new(target, @event, condition, holdTimeout ?? TimeSpan.FromSeconds(30));

    /// <summary>Waits until a thread is held (true), or for <paramref name="timeout"/> (false).</summary>
    public bool WaitHit(TimeSpan timeout) => _instrument.WaitHit(timeout);

    /// <summary>Lets the held thread go on (nothing when none is held).</summary>
    public void Release() => _instrument.Release();

    /// <summary>Holds the next thread that reaches the breakpoint (after a release).</summary>
    public void Arm() => _instrument.Arm();

    /// <summary>
    /// Runs <paramref name="action"/> on the held thread and waits for it (its exception is thrown here); the thread
    /// stays held.
    /// </summary>
    /// <exception cref="InvalidOperationException">No thread is held.</exception>
    public void Do(Action action) => _instrument.Do(action);

    /// <summary>Releases a held thread and removes the breakpoint (the method gets its code back when nothing else probes it).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _instrument.Close();
        OwnInstrument.Remove(_probe, _key);
    }

    /// <summary>The instrument that does the holding: its fire blocks the thread until it is let go.</summary>
    private sealed class HoldingInstrument(string name, InstrumentEvent @event, JsonObject custom, TimeSpan holdTimeout) : Instrument(name, "1", @event, custom: custom)
    {
        private readonly object _gate = new();
        private bool _armed = true;
        private bool _holding;
        private bool _closed;
        private Action? _work;
        private long _requested;
        private long _done;
        private Exception? _workError;
        private int _hits;

        public int Hits => Volatile.Read(ref _hits);

        protected internal override bool MayReenter => false;

        protected internal override void Fire(object? value, IReadOnlyList<string> tags)
        {
            lock (_gate)
            {
                if (!_armed || _holding || _closed)
                {
                    return; // threads that come while one is held, or after, go through
                }

                _armed = false;
                _holding = true;
                _hits++;
                Monitor.PulseAll(_gate);
                var deadline = DateTime.UtcNow + holdTimeout;
                while (_holding && !_closed)
                {
                    if (_work is { } work)
                    {
                        RunHere(work);
                        continue;
                    }

                    var left = deadline - DateTime.UtcNow;
                    if (left <= TimeSpan.Zero)
                    {
                        AgentLog.Warning($"breakpoint on {Name}: a thread was held for {holdTimeout.TotalSeconds:0.#} s without being released; it goes on");
                        break;
                    }

                    Monitor.Wait(_gate, left);
                }

                _holding = false;
                Monitor.PulseAll(_gate);
            }
        }

        public bool WaitHit(TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            lock (_gate)
            {
                while (!_holding)
                {
                    var left = deadline - DateTime.UtcNow;
                    if (left <= TimeSpan.Zero || _closed)
                    {
                        return false;
                    }

                    Monitor.Wait(_gate, left);
                }

                return true;
            }
        }

        public void Release()
        {
            lock (_gate)
            {
                _holding = false;
                Monitor.PulseAll(_gate);
            }
        }

        public void Arm()
        {
            lock (_gate)
            {
                _armed = true;
            }
        }

        public void Do(Action action)
        {
            lock (_gate)
            {
                if (!_holding)
                {
                    throw new InvalidOperationException("no thread is held at the breakpoint (call WaitHit first)");
                }

                var ticket = ++_requested;
                _work = action;
                Monitor.PulseAll(_gate);
                while (_done < ticket && _holding)
                {
                    Monitor.Wait(_gate);
                }

                if (_done < ticket)
                {
                    _work = null;
                    throw new InvalidOperationException("the held thread went on (released or timed out) before the action ran");
                }

                if (_workError is { } error)
                {
                    _workError = null;
                    throw new InvalidOperationException($"the action on the held thread threw: {error.Message}", error);
                }
            }
        }

        public void Close()
        {
            lock (_gate)
            {
                _closed = true;
                _holding = false;
                Monitor.PulseAll(_gate);
            }
        }

        /// <summary>On the held thread, with the lock held on entry and exit: runs one action outside the lock.</summary>
        private void RunHere(Action work)
        {
            _work = null;
            Exception? failed = null;
            Monitor.Exit(_gate);
            try
            {
                work();
            }
            catch (Exception e)
            {
                failed = e;
            }
            finally
            {
                Monitor.Enter(_gate);
            }

            _workError = failed;
            _done = _requested;
            Monitor.PulseAll(_gate);
        }
    }
}
