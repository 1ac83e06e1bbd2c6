using System.Runtime.CompilerServices;
using Diagnose;

namespace Sample;

/// <summary>
/// Issue 5's concurrency check: threads call <see cref="Target"/> in a loop while a controller starts and stops a
/// probe on it, round after round. A call that began after Start returned and ended before Stop began ran fully
/// under the probe and must have been seen by it; every result must be right.
/// </summary>
public static class Stress
{
    private const int MaxCalls = 20_000_000;
    private static readonly byte[] s_fully = new byte[MaxCalls];
    private static readonly byte[] s_seen = new byte[MaxCalls];
    private static long s_state; // (round << 1) | installed

    public static long Target(long id) => id + 13;

    /// <summary>The calling frame: small enough to inline Target, called anew for every call (so re-JIT reaches it).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long Call(long id) => Target(id);

    public static string Run(int threads, int rounds)
    {
        long next = 0;
        long wrong = 0;
        var stop = false;
        var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
        {
            while (!Volatile.Read(ref stop))
            {
                var id = Interlocked.Increment(ref next);
                if (id >= MaxCalls)
                {
                    Thread.Sleep(1);
                    continue;
                }

                var before = Volatile.Read(ref s_state);
                var result = Call(id);
                var after = Volatile.Read(ref s_state);
                if (result != id + 13)
                {
                    Interlocked.Increment(ref wrong);
                }

                if (before == after && (before & 1) == 1)
                {
                    s_fully[id] = 1;
                }

                Thread.SpinWait(100); // pace the callers so the ids last the whole run
            }
        }) { IsBackground = true }).ToList();
        workers.ForEach(w => w.Start());

        var probe = Probes.AttachTo("Sample.Stress.Target");
        probe.Instruments["seen"] = new SeenInstrument();
        for (var round = 0; round < rounds; round++)
        {
            probe.Start();
            Volatile.Write(ref s_state, ((long)round << 1) | 1);
            Thread.Sleep(2);
            Volatile.Write(ref s_state, (long)(round + 1) << 1);
            probe.Stop();
        }

        Volatile.Write(ref stop, true);
        workers.ForEach(w => w.Join());
        long fully = 0;
        long missed = 0;
        for (var id = 0; id < MaxCalls; id++)
        {
            fully += s_fully[id];
            missed += s_fully[id] & ~s_seen[id] & 1;
        }

        return $"= calls={Math.Min(next, MaxCalls)} fully={fully} missed={missed} wrong={wrong}";
    }

    /// <summary>Marks every call id the probe sees.</summary>
    private sealed class SeenInstrument() : NumericInstrument("seen", "id", InstrumentEvent.Return)
    {
        protected override void Record(double value, IReadOnlyList<string> tags)
        {
            var id = (long)value;
            if (id is > 0 and < MaxCalls)
            {
                s_seen[id] = 1;
            }
        }
    }
}
