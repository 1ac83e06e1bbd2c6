using System.Runtime.CompilerServices;

namespace Diagnose.Guardrails;

/// <summary>
/// A token bucket checked on the hot path: a fire takes one token; the guard monitor adds <see cref="Rate"/> tokens
/// a second (up to <see cref="Burst"/>) from its own thread, so the hot path only reads and decrements.
/// </summary>
internal sealed class TokenBucket
{
    private long _tokens;
    private double _fraction;

    public TokenBucket(double rate)
    {
        Rate = rate;
        Burst = Math.Max(1, (long)Math.Ceiling(rate));
        _tokens = Burst;
    }

    /// <summary>Tokens added per second.</summary>
    public double Rate { get; }

    /// <summary>The most tokens it holds: one second's worth (at least one).</summary>
    public long Burst { get; }

    public bool IsEmpty
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Volatile.Read(ref _tokens) <= 0;
    }

    /// <summary>Takes a token; false when there was none (a racing thread may have taken the last one).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryTake()
    {
        if (Volatile.Read(ref _tokens) <= 0)
        {
            return false;
        }

        if (Interlocked.Decrement(ref _tokens) >= 0)
        {
            return true;
        }

        Interlocked.Increment(ref _tokens);
        return false;
    }

    /// <summary>Gives back a token taken for a fire that did not happen (another limit refused it).</summary>
    public void Return()
    {
        if (Interlocked.Increment(ref _tokens) > Burst)
        {
            Interlocked.Decrement(ref _tokens); // refilled meanwhile: never more than the burst
        }
    }

    /// <summary>Adds the tokens earned in <paramref name="seconds"/>; called by one thread only (the monitor).</summary>
    public void Refill(double seconds)
    {
        _fraction += Rate * seconds;
        var whole = (long)_fraction;
        if (whole <= 0)
        {
            return;
        }

        _fraction -= whole;
        while (true)
        {
            var current = Volatile.Read(ref _tokens);
            var next = Math.Min(Burst, Math.Max(0, current) + whole);
            if (next <= current || Interlocked.CompareExchange(ref _tokens, next, current) == current)
            {
                return;
            }
        }
    }
}
