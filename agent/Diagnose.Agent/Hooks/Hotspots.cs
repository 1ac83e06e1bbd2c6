using Diagnose.Expressions;
using Diagnose.Symbols;

namespace Diagnose.Hooks;

/// <summary>
/// The context name <c>hotspots</c>: per-line timing of one probed call. <see cref="Worst"/> is the line with the most
/// time in all (diagnose's worst), <see cref="Slowest"/> the line with the longest single pass. Its members only read
/// what the method's PDB says (lines, its source file's name and text), so the default mode allows them.
/// </summary>
[ContextValue("hotspots")]
internal sealed class Hotspots
{
    private readonly MethodSymbols _symbols;

    public Hotspots(MethodSymbols symbols, IReadOnlyDictionary<int, LineTiming> lines)
    {
        _symbols = symbols;
        Calls = lines;
        Worst = lines.Count == 0 ? LineTime.None : Pick(lines.MaxBy(l => (l.Value.Sum, l.Key)), l => l.Sum);
        Slowest = lines.Count == 0 ? LineTime.None : Pick(lines.MaxBy(l => (l.Value.Max, l.Key)), l => l.Max);
    }

    /// <summary>Line → (count, max, sum), times in seconds.</summary>
    public IReadOnlyDictionary<int, LineTiming> Calls { get; }

    public LineTime Worst { get; }

    public LineTime Slowest { get; }

    /// <summary>The source file of the method, or null without symbols.</summary>
    public string? Filename => _symbols.DocumentPath;

    public static Hotspots Empty(MethodSymbols symbols) => new(symbols, new Dictionary<int, LineTiming>());

    /// <summary>The text of a line of <see cref="Filename"/>, or null.</summary>
    public string? Source(int line) => _symbols.SourceLine(line);

    public override string ToString() => Worst.Line is null ? "no lines timed" : $"worst line {Worst.Line} ({Worst.Time:0.######} s), slowest line {Slowest.Line} ({Slowest.Time:0.######} s)";

    private LineTime Pick(KeyValuePair<int, LineTiming> line, Func<LineTiming, double> time) =>
        new(time(line.Value), line.Key, Source(line.Key)?.Trim());
}

/// <summary>One line's timings in a call: how often it ran, its longest and its total time (seconds).</summary>
[ContextValue("hotspots line timing")]
internal readonly record struct LineTiming(int Count, double Max, double Sum)
{
    public override string ToString() => $"(count {Count}, max {Max:0.######}, sum {Sum:0.######})";
}

/// <summary>A line and its time (diagnose's CallTime): all null when no line ran.</summary>
[ContextValue("hotspots line")]
internal sealed record LineTime(double? Time, int? Line, string? Source)
{
    public static readonly LineTime None = new(null, null, null);

    public override string ToString() => Line is null ? "None" : $"line {Line}: {Time:0.######} s";
}
