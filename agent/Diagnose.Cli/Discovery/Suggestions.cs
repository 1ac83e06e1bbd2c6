namespace Diagnose.Cli.Discovery;

/// <summary>
/// "Did you mean …?": the known names closest to what the user wrote, by edit distance (case ignored) against the
/// whole name and against its last segments (so <c>Chekout</c> finds <c>Sample.Checkout</c>).
/// </summary>
internal static class Suggestions
{
    /// <summary>At most <paramref name="count"/> names, closest first; none when nothing is close.</summary>
    public static IReadOnlyList<string> Closest(string written, IEnumerable<string> known, int count = 5)
    {
        var core = Core(written);
        if (core.Length == 0)
        {
            return [];
        }

        var limit = Limit(core);
        var segments = core.Split('.').Length;
        var close = known.Distinct(StringComparer.Ordinal)
            .Select(name => (Name: name, Distance: Distance(core, name, segments)))
            .Where(c => c.Distance <= limit)
            .OrderBy(c => c.Distance).ThenBy(c => c.Name.Length).ThenBy(c => c.Name, StringComparer.Ordinal)
            .ToList();

        // Only the closest and those one edit further: a far name beside a near one is noise.
        return close.TakeWhile(c => c.Distance <= close[0].Distance + 1).Take(count).Select(c => c.Name).ToList();
    }

    /// <summary>True when <paramref name="name"/> is close enough to <paramref name="written"/> to be suggested.</summary>
    public static bool IsClose(string written, string name)
    {
        var core = Core(written);
        return core.Length > 0 && Distance(core, name, core.Split('.').Length) <= Limit(core);
    }

    /// <summary>", did you mean A, B or C?" or "" when there is nothing to suggest.</summary>
    public static string DidYouMean(IReadOnlyList<string> names) => names.Count switch
    {
        0 => "",
        1 => $"; did you mean {names[0]}?",
        _ => $"; did you mean {string.Join(", ", names.Take(names.Count - 1))} or {names[^1]}?",
    };

    private static string Core(string written) => written.Replace("*", "").Replace("?", "").Replace('+', '.').Trim('.').ToLowerInvariant();

    private static int Limit(string core) => Math.Max(2, core.Length / 3);

    private static int Distance(string core, string name, int segments)
    {
        var lower = name.Replace('+', '.').ToLowerInvariant();
        var parts = lower.Split('.');
        var tail = string.Join('.', parts.Skip(Math.Max(0, parts.Length - segments)));
        var limit = Limit(core);
        return Math.Min(Levenshtein(core, lower, limit), Levenshtein(core, tail, limit));
    }

    /// <summary>The edit distance, or a number over <paramref name="limit"/> when the lengths alone say it is over.</summary>
    private static int Levenshtein(string a, string b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) > limit)
        {
            return limit + 1;
        }

        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
