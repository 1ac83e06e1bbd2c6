using Diagnose.Protocol.Naming;

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
    public static string DidYouMean(IReadOnlyList<string> names) => names.Count == 0 ? "" : $"; did you mean {Spelling.Alternatives(names)}?";

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

    /// <summary>The edit distance (the agent's and the CLI's one measure), or a number over <paramref name="limit"/>.</summary>
    private static int Levenshtein(string a, string b, int limit) =>
        Math.Abs(a.Length - b.Length) > limit ? limit + 1 : Spelling.Distance(a, b, limit);
}
