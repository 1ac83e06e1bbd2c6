using System.Globalization;

namespace Diagnose.Protocol.Specs;

/// <summary>
/// The timestamps of specs (<c>lastmodified</c>, <c>applied[…].lm</c>) and how a lifespan turns into an expiry.
/// </summary>
/// <remarks>
/// diagnose keeps <c>lastmodified</c> as a naive UTC <c>datetime</c> (<c>datetime.utcnow()</c>); JSON written from
/// Python therefore usually reads <c>2026-11-22T10:00:00.123456</c> (<c>isoformat()</c>, no zone, the fraction only
/// when it is not zero) or <c>2026-11-22 10:00:00.123456</c> (<c>str()</c>). Other tools write <c>Z</c> or an
/// offset. All of these are accepted: no zone means UTC, an offset is converted to UTC, a fraction may have any
/// number of digits (beyond 7 they are dropped). Written timestamps are <c>yyyy-MM-ddTHH:mm:ss[.ffffff]Z</c>, at
/// most microseconds, as Python's <c>datetime</c> can hold them.
/// </remarks>
internal static class SpecTimestamp
{
    private const int MaxFractionDigits = 7;

    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd' 'HH:mm:ss.FFFFFFFK",
    ];

    internal static bool TryParse(string text, out DateTimeOffset utc)
    {
        return DateTimeOffset.TryParseExact(
            TrimFraction(text),
            Formats,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out utc);
    }

    internal static string Format(DateTimeOffset time)
    {
        return TruncateToMicroseconds(time).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'", CultureInfo.InvariantCulture);
    }

    internal static DateTimeOffset TruncateToMicroseconds(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
    }

    /// <summary>
    /// diagnose: <c>expires = lastmodified + timedelta(minutes=lifespan)</c>; no lifespan, no expiry. The instrument
    /// stops firing when <c>now &gt; expires</c>. Like <c>timedelta</c>, the span is rounded to microseconds; a span
    /// beyond the calendar saturates at its ends.
    /// </summary>
    internal static DateTimeOffset? Expires(DateTimeOffset? lastModified, double? lifespanMinutes)
    {
        if (lastModified is not DateTimeOffset start || lifespanMinutes is not double minutes)
        {
            return null;
        }

        var microseconds = Math.Round(minutes * 60_000_000d, MidpointRounding.ToEven);
        var ticks = microseconds * TimeSpan.TicksPerMicrosecond;
        if (ticks >= DateTimeOffset.MaxValue.Ticks - start.Ticks)
        {
            return DateTimeOffset.MaxValue;
        }

        if (ticks <= DateTimeOffset.MinValue.Ticks - start.Ticks)
        {
            return DateTimeOffset.MinValue;
        }

        return start.AddTicks((long)ticks);
    }

    private static string TrimFraction(string text)
    {
        var dot = text.IndexOf('.');
        if (dot < 0)
        {
            return text;
        }

        var end = dot + 1;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        var digits = end - dot - 1;
        return digits <= MaxFractionDigits ? text : text[..(dot + 1 + MaxFractionDigits)] + text[end..];
    }
}
