namespace Diagnose.Protocol.Naming;

/// <summary>
/// "Did you mean …?": the names closest to what a user wrote, by edit distance (insert, delete, replace, swap two
/// neighbours), case-insensitive. Shared by the agent (targets) and the <c>diagnose</c> command (specs checked on disk).
/// </summary>
internal static class Spelling
{
    /// <summary>
    /// Up to <paramref name="max"/> names within a distance that grows with the length written (1 up to 4 characters,
    /// then one more per 4, at most 4), closest first, then shortest, then in order.
    /// </summary>
    public static IReadOnlyList<string> Closest(string written, IEnumerable<string> names, int max = 3)
    {
        var limit = Math.Clamp(written.Length / 4, 1, 4);
        var found = new List<(string Name, int Distance)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (Math.Abs(name.Length - written.Length) > limit || !seen.Add(name))
            {
                continue;
            }

            var distance = Distance(written, name, limit);
            if (distance <= limit)
            {
                found.Add((name, distance));
            }
        }

        return found.OrderBy(f => f.Distance).ThenBy(f => f.Name.Length).ThenBy(f => f.Name, StringComparer.Ordinal)
            .Take(max).Select(f => f.Name).ToList();
    }

    /// <summary>"a", "a or b", "a, b or c".</summary>
    public static string Alternatives(IReadOnlyList<string> names) => names.Count switch
    {
        0 => "",
        1 => names[0],
        _ => $"{string.Join(", ", names.Take(names.Count - 1))} or {names[^1]}",
    };

    /// <summary>
    /// The optimal-string-alignment distance between <paramref name="a"/> and <paramref name="b"/>, case-insensitive;
    /// any value over <paramref name="limit"/> is returned as <paramref name="limit"/> + 1 (a row past it stops the work).
    /// </summary>
    public static int Distance(string a, string b, int limit)
    {
        var previous2 = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowBest = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 2]) && char.ToLowerInvariant(a[i - 2]) == char.ToLowerInvariant(b[j - 1]))
                {
                    value = Math.Min(value, previous2[j - 2] + 1);
                }

                current[j] = value;
                rowBest = Math.Min(rowBest, value);
            }

            if (rowBest > limit)
            {
                return limit + 1;
            }

            (previous2, previous, current) = (previous, current, previous2);
        }

        return Math.Min(previous[b.Length], limit + 1);
    }
}
