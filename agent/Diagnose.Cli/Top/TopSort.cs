namespace Diagnose.Cli.Top;

/// <summary>
/// The orders of <c>diagnose top</c>'s rows and the keys that choose them; pressing the key of the current order
/// reverses it. Ties are broken by id, then target.
/// </summary>
internal sealed record TopSort(TopSortKey Key, bool Reversed)
{
    public static readonly TopSort Default = new(TopSortKey.Calls, false);

    /// <summary>Key → order, as the help and the screen's footer list them.</summary>
    public static readonly IReadOnlyList<(char Key, TopSortKey Order, string Text)> Keys =
    [
        ('c', TopSortKey.Calls, "calls/s"),
        ('f', TopSortKey.Fired, "fired/s"),
        ('d', TopSortKey.Dropped, "dropped/s"),
        ('e', TopSortKey.Errors, "errors"),
        ('p', TopSortKey.P99, "p99"),
        ('m', TopSortKey.Max, "max"),
        ('i', TopSortKey.Id, "id"),
        ('t', TopSortKey.Target, "target"),
    ];

    /// <summary>The order after pressing <paramref name="key"/>; this one when the key chooses none.</summary>
    public TopSort Press(char key)
    {
        var chosen = Keys.FirstOrDefault(k => k.Key == char.ToLowerInvariant(key));
        if (chosen.Key == default)
        {
            return this;
        }

        return chosen.Order == Key ? this with { Reversed = !Reversed } : new TopSort(chosen.Order, false);
    }

    /// <summary>Names an order for <c>--sort</c>: a key's text (<c>calls</c>, <c>p99</c>, …) or its letter.</summary>
    public static TopSort? Parse(string text)
    {
        var name = text.Trim().ToLowerInvariant();
        foreach (var (key, order, description) in Keys)
        {
            if (name == key.ToString() || name == description || name == description.Split('/')[0])
            {
                return new TopSort(order, false);
            }
        }

        return null;
    }

    public string Describe() => $"{Keys.First(k => k.Order == Key).Text}{(Reversed ? " (reversed)" : string.Empty)}";

    /// <summary>Numbers largest first, names alphabetically; reversed on request.</summary>
    public IReadOnlyList<TopRow> Apply(IEnumerable<TopRow> rows)
    {
        var ordered = Key switch
        {
            TopSortKey.Id => rows.OrderBy(r => r.Id, StringComparer.Ordinal),
            TopSortKey.Target => rows.OrderBy(r => r.Target, StringComparer.Ordinal),
            _ => rows.OrderByDescending(Number),
        };
        var sorted = ordered.ThenBy(r => r.Id, StringComparer.Ordinal).ThenBy(r => r.Target, StringComparer.Ordinal).ToList();
        if (Reversed)
        {
            sorted.Reverse();
        }

        return sorted;
    }

    private double Number(TopRow row) => Key switch
    {
        TopSortKey.Calls => row.CallsPerSecond,
        TopSortKey.Fired => row.FiredPerSecond,
        TopSortKey.Dropped => row.DroppedPerSecond,
        TopSortKey.Errors => row.Errors,
        TopSortKey.P99 => row.Elapsed?.P99 ?? -1,
        TopSortKey.Max => row.Elapsed?.Max ?? -1,
        _ => 0,
    };
}

internal enum TopSortKey
{
    Calls = 0,
    Fired = 1,
    Dropped = 2,
    Errors = 3,
    P99 = 4,
    Max = 5,
    Id = 6,
    Target = 7,
}
