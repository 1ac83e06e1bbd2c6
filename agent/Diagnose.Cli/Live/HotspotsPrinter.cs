using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Diagnose.Cli.Live;

/// <summary>
/// Prints a <see cref="HotspotsReport"/>: as text, the method's source with each line's calls, runs, total and longest
/// time and a heat bar (the line with the most time in all fills it), in 80 columns; or as one JSON document.
/// </summary>
internal static class HotspotsPrinter
{
    private const int Columns = 80;
    private const int HeatCells = 10;
    private static readonly string[] s_eighths = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];

    public static void Text(HotspotsReport report, TextWriter output)
    {
        var method = report.Method;
        var lines = method.First == method.Last ? $"{method.First}" : $"{method.First}-{method.Last}";
        output.WriteLine($"hotspots of {method.Target} in process {report.Pid} ({Path.GetFileName(method.Document)}:{lines})");
        output.WriteLine(Calls(report));
        foreach (var note in Notes(report))
        {
            output.WriteLine(note);
        }

        output.WriteLine();
        var rows = report.Rows().ToList();
        var hottest = report.Lines.Count == 0 ? 0 : report.Lines.Max(l => l.TotalNs);
        var cells = rows.Select(r => new[]
        {
            Number(r.Line),
            r.Total is { } t ? Number(t.Calls) : r.Code ? "0" : "",
            r.Total is { } u ? Number(u.Runs) : r.Code ? "0" : "",
            r.Total is { } v ? Duration(v.TotalNs) : "",
            r.Total is { } w ? Duration(w.MaxNs) : "",
            r.Total is { } x ? Heat(x.TotalNs, hottest) : "",
        }).ToList();
        var header = new[] { "LINE", "CALLS", "RUNS", "TOTAL", "MAX", "HEAT" };
        var widths = header.Select((h, c) => Math.Max(h.Length, cells.Count == 0 ? 0 : cells.Max(row => row[c].Length))).ToArray();
        widths[^1] = Math.Max(widths[^1], HeatCells);
        string Row(string[] row) => string.Join("  ", row.Select((cell, c) => c == row.Length - 1 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c])));
        var sourceWidth = Math.Max(20, Columns - Row(header).Length - 2);
        var source = Unindented(rows.Select(r => method.Line(r.Line)).ToList());
        output.WriteLine($"{Row(header)}  SOURCE".TrimEnd());
        for (var i = 0; i < rows.Count; i++)
        {
            output.WriteLine($"{Row(cells[i])}  {Fit(source[i], sourceWidth)}".TrimEnd());
        }

        if (method.Text is null)
        {
            output.WriteLine();
            output.WriteLine($"(the source file {method.Document} was not found here or under /proc/{report.Pid}/root: line numbers only)");
        }
    }

    public static void Json(HotspotsReport report, TextWriter output)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            var method = report.Method;
            json.WriteStartObject();
            json.WriteNumber("pid", report.Pid);
            json.WriteString("target", method.Target);
            json.WriteString("signature", method.Signature);
            json.WriteString("file", method.Document);
            json.WriteNumber("firstLine", method.First);
            json.WriteNumber("lastLine", method.Last);
            json.WriteNumber("seconds", Math.Round(report.Listened.TotalSeconds, 3));
            json.WriteString("stopped", report.Stopped);
            json.WriteStartObject("calls");
            json.WriteNumber("seen", report.Seen);
            if (report.Stats is { } stats)
            {
                json.WriteNumber("made", stats.Calls);
                json.WriteNumber("droppedRate", stats.DroppedRate);
                json.WriteNumber("droppedFull", stats.DroppedFull);
                json.WriteNumber("errors", stats.Errors);
            }

            json.WriteNumber("missing", report.Missing);
            json.WriteNumber("cut", report.Cut);
            json.WriteNumber("dropped", report.Dropped);
            json.WriteEndObject();
            json.WriteBoolean("sample", report.IsSample);
            json.WriteString("switchedOff", report.Switched);
            json.WriteStartArray("lines");
            foreach (var (line, code, total) in report.Rows())
            {
                json.WriteStartObject();
                json.WriteNumber("line", line);
                json.WriteBoolean("code", code);
                json.WriteNumber("calls", total?.Calls ?? 0);
                json.WriteNumber("runs", total?.Runs ?? 0);
                json.WriteNumber("totalSeconds", (total?.TotalNs ?? 0) / 1e9);
                json.WriteNumber("maxSeconds", (total?.MaxNs ?? 0) / 1e9);
                json.WriteString("source", method.Line(line));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    /// <summary>The heat bar: <see cref="HeatCells"/> cells for the hottest line, in eighths of a cell.</summary>
    public static string Heat(long totalNs, long hottestNs)
    {
        if (hottestNs <= 0 || totalNs <= 0)
        {
            return "";
        }

        var eighths = (int)Math.Round(8.0 * HeatCells * totalNs / hottestNs);
        return new string('█', eighths / 8) + s_eighths[eighths % 8];
    }

    /// <summary>A time in the unit that reads best: <c>850 ns</c>, <c>12.3 µs</c>, <c>20.1 ms</c>, <c>1.25 s</c>.</summary>
    public static string Duration(long ns) => ns switch
    {
        < 1_000 => $"{ns} ns",
        < 1_000_000 => string.Create(CultureInfo.InvariantCulture, $"{ns / 1e3:0.0} µs"),
        < 1_000_000_000 => string.Create(CultureInfo.InvariantCulture, $"{ns / 1e6:0.0} ms"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{ns / 1e9:0.00} s"),
    };

    private static IEnumerable<string> Notes(HotspotsReport report)
    {
        if (report.Seen == 0)
        {
            yield return $"no call of {report.Method.Target} returned while the probe was on";
        }

        if (report.IsSample)
        {
            yield return "the figures are a sample of the calls, not all of them";
        }

        if (report.Cut > 0)
        {
            yield return $"{Count(report.Cut, "call")} ran more lines than one log line holds: their last lines are left out";
        }

        if (report.Stats is { Errors: > 0 } stats)
        {
            yield return $"{Count(stats.Errors, "call")} failed in the probe (see 'diagnose probe ls {report.Pid}' while it runs)";
        }

        if (report.Switched is { } reason)
        {
            yield return $"the probe was switched off before the end: {reason}";
        }

        if (report.Stats is null)
        {
            yield return "the probe's counters could not be read: calls dropped by the guardrails are not known";
        }
    }

    /// <summary>"5 calls seen in 10.0 s (time up), none dropped", or with drops "103 of 20000 calls seen …" and what dropped them.</summary>
    private static string Calls(HotspotsReport report)
    {
        var when = $"in {Seconds(report.Listened)} ({report.Stopped})";
        if (report.Dropped == 0)
        {
            return $"{Count(report.Seen, "call")} seen {when}{(report.Stats is null ? "" : ", none dropped")}";
        }

        var parts = new List<string>();
        if (report.Stats is { DroppedRate: > 0 } rate)
        {
            parts.Add($"{Number(rate.DroppedRate)} by the rate limit");
        }

        if (report.Stats is { DroppedFull: > 0 } full)
        {
            parts.Add($"{Number(full.DroppedFull)} by a full output queue or the overhead budget");
        }

        if (report.Missing > 0)
        {
            parts.Add($"{Number(report.Missing)} lost on the way");
        }

        var seen = report.Stats is { } stats ? $"{Number(report.Seen)} of {Count(stats.Calls, "call")}" : Count(report.Seen, "call");
        return $"{seen} seen {when}\n{Number(report.Dropped)} dropped: {string.Join(", ", parts)}";
    }

    /// <summary>The texts without the indentation they all share (tabs as 4 spaces); "" for a missing text.</summary>
    private static List<string> Unindented(IReadOnlyList<string?> lines)
    {
        var texts = lines.Select(l => (l ?? "").Replace("\t", "    ").TrimEnd()).ToList();
        var shared = texts.Where(t => t.Length > 0).Select(t => t.Length - t.TrimStart().Length).DefaultIfEmpty(0).Min();
        return texts.Select(t => t.Length >= shared ? t[shared..] : t).ToList();
    }

    private static string Fit(string text, int width) => text.Length <= width ? text : string.Concat(text.AsSpan(0, width - 1), "…");

    private static string Number(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Count(long n, string noun) => n == 1 ? $"1 {noun}" : $"{Number(n)} {noun}s";

    private static string Seconds(TimeSpan span) => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.0} s");
}
