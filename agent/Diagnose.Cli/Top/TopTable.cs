using System.Globalization;
using Diagnose.Cli.Rendering;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Diagnose.Cli.Top;

/// <summary>
/// The table of <c>diagnose top</c>: one row per instrument (id, target, event, calls/s, fired/s, dropped/s, errors,
/// p50/p95/p99/max of elapsed), then the last line of each log instrument. On a terminal it is a Spectre.Console
/// table whose columns fit 80 characters (long ids and targets are cut on the left, keeping the method's name); as
/// plain text every cell is whole.
/// </summary>
internal static class TopTable
{
    private static readonly string[] s_header = ["ID", "TARGET", "EV", "CALL/S", "FIRE/S", "DROP/S", "ERR", "P50", "P95", "P99", "MAX"];

    /// <summary>The widest a cell of each column gets on a terminal: 79 characters with one space between columns.</summary>
    private static readonly int[] s_widths = [12, 20, 4, 6, 6, 6, 4, 5, 5, 5, 5];

    /// <summary>Spaces the agent's event names to at most four characters.</summary>
    private static string Event(string name) => name == "return" ? "ret" : name;

    public static string[] Cells(TopRow row, bool cut)
    {
        string[] cells =
        [
            row.State == "installed" || row.State == "on" ? row.Id : $"{row.Id} ({row.State})",
            cut ? ShortTarget(row.Target) : row.Target,
            Event(row.Event),
            Count(row.CallsPerSecond),
            Count(row.FiredPerSecond),
            Count(row.DroppedPerSecond),
            Count(row.Errors),
            Duration(row.Elapsed?.P50),
            Duration(row.Elapsed?.P95),
            Duration(row.Elapsed?.P99),
            Duration(row.Elapsed?.Max),
        ];
        return cut ? cells.Select((cell, i) => CutLeft(cell, s_widths[i])).ToArray() : cells;
    }

    /// <summary>The whole screen: a title line, the table, the log instruments' last lines and the keys.</summary>
    public static IRenderable Screen(int pid, IReadOnlyList<TopRow> rows, TopSort sort, int width)
    {
        var table = new Table().Border(TableBorder.None).ShowHeaders();
        for (var i = 0; i < s_header.Length; i++)
        {
            var column = new TableColumn(new Text(s_header[i], new Style(decoration: Decoration.Bold))).NoWrap().Padding(0, 0, i == s_header.Length - 1 ? 0 : 1, 0);
            table.AddColumn(i >= 3 ? column.RightAligned() : column);
        }

        foreach (var row in rows)
        {
            table.AddRow(Cells(row, cut: true).Select(c => new Text(c)).ToArray());
        }

        var parts = new List<IRenderable> { new Text(Title(pid, rows, sort)), table };
        var last = rows.Where(r => r.Last is not null).ToList();
        if (last.Count > 0)
        {
            parts.Add(new Text(string.Empty));
            parts.Add(new Text(string.Join("\n", last.Select(r => CutRight($"{CutLeft(r.Id, s_widths[0])} last: {OneLine(r.Last!)}", width))))); 
        }

        parts.Add(new Text(string.Empty));
        if (rows.Any(r => r.Elapsed is null && r.Event is "return" or "end"))
        {
            parts.Add(new Text(NoElapsed, new Style(decoration: Decoration.Dim)));
        }

        parts.Add(new Text(Keys(), new Style(decoration: Decoration.Dim)));
        return new Rows(parts);
    }

    /// <summary>The same as plain text, every cell whole (stdout is not a terminal, or <c>--once</c> into a pipe).</summary>
    public static void WriteText(int pid, IReadOnlyList<TopRow> rows, TopSort sort, TextWriter output)
    {
        output.WriteLine(Title(pid, rows, sort));
        var table = new TextTable(s_header.Append("LAST").ToArray());
        foreach (var row in rows)
        {
            table.Add(Cells(row, cut: false).Append(row.Last is null ? "-" : OneLine(row.Last)).ToArray());
        }

        table.WriteTo(output);
        output.WriteLine();
    }

    /// <summary>The footnote for return and end rows without percentiles: the agent keeps them only when asked.</summary>
    internal const string NoElapsed = "P50-MAX -: the probe keeps no elapsed times (add it with --elapsed)";

    /// <summary>"sort: c calls f fired …" and "the same key again reverses; q quits": two lines, each within 80 characters.</summary>
    public static string Keys() =>
        $"sort: {string.Join(" ", TopSort.Keys.Select(k => $"{k.Key} {k.Text.Split('/')[0]}"))}\nthe same key again reverses; q quits";

    private static string Title(int pid, IReadOnlyList<TopRow> rows, TopSort sort) =>
        $"diagnose top {pid}  {DateTime.Now:HH:mm:ss}  {rows.Count} instrument{(rows.Count == 1 ? string.Empty : "s")}  sorted by {sort.Describe()}{(rows.Count == 0 ? "  (no probes: add one with diagnose probe add)" : string.Empty)}";

    /// <summary>Ns.Type.Method → Type.Method (a line target keeps its :LINE).</summary>
    private static string ShortTarget(string target)
    {
        var dots = target.Split('(')[0].Split('.');
        return dots.Length > 2 && !target.Contains(".cs:", StringComparison.Ordinal) ? string.Join('.', dots[^2..]) + (target.Contains('(') ? "(" + target.Split('(', 2)[1] : string.Empty) : target;
    }

    /// <summary>Rates and counts in at most 6 characters: 0, 2.5, 1234, 12.3k, 1.2M.</summary>
    internal static string Count(double value) => value switch
    {
        0 => "0",
        < 10 when value != Math.Floor(value) => value.ToString("0.0", CultureInfo.InvariantCulture),
        < 10_000 => Math.Round(value).ToString(CultureInfo.InvariantCulture),
        < 10_000_000 => (value / 1000).ToString("0.#", CultureInfo.InvariantCulture) + "k",
        _ => (value / 1_000_000).ToString("0.#", CultureInfo.InvariantCulture) + "M",
    };

    /// <summary>Seconds in at most 5 characters: 850ns, 45us, 123ms, 1.23s, 95s; "-" when there is none.</summary>
    internal static string Duration(double? seconds) => seconds switch
    {
        null => "-",
        < 1e-6 => $"{seconds * 1e9:0}ns",
        < 1e-3 => $"{seconds * 1e6:0}us",
        < 1 => $"{seconds * 1e3:0}ms",
        < 10 => $"{seconds:0.00}s",
        _ => $"{seconds:0}s",
    };

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    private static string CutLeft(string text, int width) => text.Length <= width ? text : "~" + text[^(width - 1)..];

    private static string CutRight(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "~";
}
