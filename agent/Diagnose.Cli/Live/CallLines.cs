using System.Globalization;

namespace Diagnose.Cli.Live;

/// <summary>One source line's timing in one probed call: how often it ran, its longest and its total time (ns).</summary>
internal readonly record struct LinePass(int Line, long Count, long MaxNs, long SumNs);

/// <summary>
/// What the hotspots probe records of one call, and how to read it back from its log line. The value is the call's
/// <c>hotspots.Calls</c> as text, <c>LINE:COUNT:MAX:SUM</c> per line, times in whole nanoseconds, lines apart by a
/// space (<c>42:1:210:210 43:1:20065211:20065211</c>): short, so that a method of many lines fits in the 2000
/// characters of a log value. A longer one is cut there, ending in <c>...</c>; its unfinished last entry is left
/// out and <see cref="Cut"/> says so.
/// </summary>
internal sealed record CallLines(IReadOnlyList<LinePass> Lines, bool Cut)
{
    /// <summary>The instrument's value expression (restricted mode: LINQ, string and the hotspots context value).</summary>
    public const string Expression =
        "string.Join(\" \", hotspots.Calls.Select(c => c.Key + \":\" + c.Value.Count + \":\" + (long)(c.Value.Max * 1e9) + \":\" + (long)(c.Value.Sum * 1e9)))";

    private const string CutMark = "...";

    /// <summary>Reads a log value; null when it is not one of these (another instrument's line, a newer format).</summary>
    public static CallLines? Parse(string value)
    {
        var cut = value.EndsWith(CutMark, StringComparison.Ordinal);
        var entries = (cut ? value[..^CutMark.Length] : value).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var lines = new List<LinePass>(entries.Length);
        for (var i = 0; i < entries.Length; i++)
        {
            if (Entry(entries[i]) is { } pass)
            {
                lines.Add(pass);
            }
            else if (!(cut && i == entries.Length - 1))
            {
                return null;
            }
        }

        // A cut can fall right after a digit: the last entry then reads well but may have lost digits.
        if (cut && lines.Count > 0 && lines.Count == entries.Length)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return new CallLines(lines, cut);
    }

    private static LinePass? Entry(string text)
    {
        var parts = text.Split(':');
        return parts.Length == 4
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var line)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var max)
            && long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var sum)
            ? new LinePass(line, count, max, sum)
            : null;
    }
}
