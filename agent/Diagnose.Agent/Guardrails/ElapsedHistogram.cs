using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using Diagnose.Protocol.Channel;
using Diagnose.Protocol.Specs;

namespace Diagnose.Guardrails;

/// <summary>
/// The elapsed time of the calls a return or end instrument fired on, in log buckets of Stopwatch ticks: four a
/// power of two (so a percentile is within 25% of the truth; below 4 ticks exact), 248 counts in all. A fire adds
/// one to a count and may raise the maximum, with plain writes (no lock, no allocation, no interlocked operation;
/// under contention a few counts may be lost, as with the instrument's other counters). <see cref="Summary"/>
/// reads the percentiles since the instrument was installed.
/// </summary>
internal sealed class ElapsedHistogram
{
    internal const int BucketCount = 248;

    private readonly long[] _counts = new long[BucketCount];
    private long _max;

    /// <summary>Counts one call of <paramref name="ticks"/> Stopwatch ticks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Record(long ticks)
    {
        if (ticks < 0)
        {
            ticks = 0;
        }

        _counts[BucketOf(ticks)]++;
        if (ticks > _max)
        {
            _max = ticks;
        }
    }

    /// <summary>Counts the call that started at Stopwatch timestamp <paramref name="started"/> and ends now.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void RecordSince(long started) => Record(Stopwatch.GetTimestamp() - started);

    /// <summary>The bucket of a duration: exact below 4 ticks, then four buckets between each power of two and the next.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int BucketOf(long ticks)
    {
        if (ticks < 4)
        {
            return (int)ticks;
        }

        var log = 63 - BitOperations.LeadingZeroCount((ulong)ticks);
        return (4 * (log - 1)) + (int)((ticks >> (log - 2)) & 3);
    }

    /// <summary>The largest duration (ticks) a bucket holds: the one below the next bucket's first.</summary>
    internal static long UpperBound(int bucket)
    {
        if (bucket < 4)
        {
            return bucket;
        }

        var log = (bucket / 4) + 1;
        var first = (4L + (bucket % 4)) << (log - 2);
        return first + (1L << (log - 2)) - 1;
    }

    /// <summary>Count, p50, p95, p99 and max in seconds (a percentile is its bucket's upper bound, at most the max); null before any call.</summary>
    public ElapsedSummary? Summary()
    {
        var counts = new long[BucketCount]; // read once, off the fire path
        long total = 0;
        for (var i = 0; i < BucketCount; i++)
        {
            counts[i] = Volatile.Read(ref _counts[i]);
            total += counts[i];
        }

        if (total == 0)
        {
            return null;
        }

        var max = Volatile.Read(ref _max);
        double Seconds(long ticks) => ticks / (double)Stopwatch.Frequency;
        double Percentile(double fraction)
        {
            var rank = (long)Math.Ceiling(fraction * total);
            long seen = 0;
            for (var i = 0; i < BucketCount; i++)
            {
                seen += counts[i];
                if (seen >= rank)
                {
                    return Seconds(Math.Min(UpperBound(i), max));
                }
            }

            return Seconds(max);
        }

        return new ElapsedSummary(total, Percentile(0.50), Percentile(0.95), Percentile(0.99), Seconds(max));
    }
}
