using Diagnose.Protocol.Specs;

namespace Diagnose.Cli.Live;

/// <summary>
/// What one <c>hotspots</c> run found: the method, how long it listened and why it stopped, the calls seen, what the
/// guardrails dropped (from the probe's counters), and the per-line totals.
/// </summary>
/// <param name="Stats">The probe's counters at the end, or null when the process could not be asked.</param>
/// <param name="Missing">Lines the probe wrote that did not arrive before the end (a busy channel).</param>
/// <param name="Switched">Why the probe was switched off before the end (its budget), or null.</param>
internal sealed record HotspotsReport(
    int Pid,
    MethodSource Method,
    TimeSpan Listened,
    string Stopped,
    long Seen,
    long Cut,
    long Missing,
    ProbeStats? Stats,
    string? Switched,
    IReadOnlyList<LineTotal> Lines)
{
    /// <summary>Calls the figures leave out: dropped by the rate limit, a full queue or the budget, or lost on the way.</summary>
    public long Dropped => (Stats?.DroppedRate ?? 0) + (Stats?.DroppedFull ?? 0) + Missing;

    /// <summary>The figures are a sample of the calls (some were dropped or cut).</summary>
    public bool IsSample => Dropped > 0 || Cut > 0;

    /// <summary>Each line shown (the method's code and its braces), with whether it has code and its totals when it ran.</summary>
    public IEnumerable<(int Line, bool Code, LineTotal? Total)> Rows()
    {
        var totals = Lines.ToDictionary(l => l.Line);
        var code = Method.CodeLines.ToHashSet();
        for (var line = Method.From; line <= Method.To; line++)
        {
            yield return (line, code.Contains(line), totals.GetValueOrDefault(line));
        }

        foreach (var other in Lines.Where(l => l.Line < Method.From || l.Line > Method.To))
        {
            yield return (other.Line, true, other); // lines the PDB lists elsewhere (not expected)
        }
    }
}
