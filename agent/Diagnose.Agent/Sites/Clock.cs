using System.Diagnostics;

namespace Diagnose.Sites;

/// <summary>Times for the context names start, end, elapsed: Unix seconds from Stopwatch timestamps.</summary>
internal static class Clock
{
    private static readonly long s_baseTimestamp = Stopwatch.GetTimestamp();
    private static readonly double s_baseUnix = (DateTime.UtcNow - DateTime.UnixEpoch).TotalSeconds;

    public static double UnixNow() => UnixAt(Stopwatch.GetTimestamp());

    public static double UnixAt(long timestamp) => s_baseUnix + ((timestamp - s_baseTimestamp) / (double)Stopwatch.Frequency);

    public static double ElapsedSince(long timestamp) => (Stopwatch.GetTimestamp() - timestamp) / (double)Stopwatch.Frequency;
}
