namespace Diagnose.EndToEnd.Tests.Support;

/// <summary>What a target printed for one command: probe lines (and anything else) before its result line.</summary>
internal sealed record CommandResult(IReadOnlyList<string> Lines, string Result)
{
    /// <summary>The lines written by log instruments.</summary>
    public IReadOnlyList<string> ProbeLines => Lines.Where(l => l.StartsWith("Probe (", StringComparison.Ordinal)).ToList();

    /// <summary>The JSON of each snapshot the target printed (<c>Snapshot (name) = {…}</c>).</summary>
    public IReadOnlyList<string> Snapshots => Lines.Where(l => l.StartsWith("Snapshot (", StringComparison.Ordinal)).Select(l => l[(l.IndexOf(" = ", StringComparison.Ordinal) + 3)..]).ToList();

    public override string ToString() => string.Join(" | ", Lines.Append(Result));
}
