using Diagnose.Protocol.Channel;
using Diagnose.Protocol.Specs;

namespace Diagnose.Cli.Top;

/// <summary>
/// One instrument of a running probe in <c>diagnose top</c>: its rates over the last interval (from two list results),
/// its error count, the elapsed percentiles the agent keeps for return and end instruments (since it was installed)
/// and a log instrument's last line.
/// </summary>
internal sealed record TopRow(
    string Id,
    string Target,
    string Event,
    string State,
    double CallsPerSecond,
    double FiredPerSecond,
    double DroppedPerSecond,
    long Errors,
    ElapsedSummary? Elapsed,
    string? Last)
{
    /// <summary>The rows of <paramref name="current"/>, with rates against <paramref name="previous"/> taken <paramref name="seconds"/> earlier (0 before it).</summary>
    public static IReadOnlyList<TopRow> Of(ChannelResult current, ChannelResult? previous, double seconds)
    {
        var before = previous is null ? new Dictionary<string, ProbeStats>() : StatsByKey(previous);
        var rows = new List<TopRow>();
        foreach (var probe in current.Probes)
        {
            foreach (var instrument in probe.Details ?? [])
            {
                var stats = instrument.Stats ?? ProbeStats.Zero;
                var earlier = before.GetValueOrDefault(Key(probe, instrument));
                double Rate(Func<ProbeStats, long> count) =>
                    earlier is null || seconds <= 0 ? 0 : Math.Max(0, count(stats) - count(earlier)) / seconds;
                var state = instrument.State == InstrumentReport.On ? probe.State : instrument.State;
                rows.Add(new TopRow(
                    instrument.Id,
                    probe.Target,
                    instrument.Event ?? "-",
                    state,
                    Rate(s => s.Calls),
                    Rate(s => s.Fired),
                    Rate(s => s.DroppedRate + s.DroppedFull),
                    stats.Errors,
                    instrument.Elapsed,
                    instrument.Last));
            }
        }

        return rows;
    }

    private static Dictionary<string, ProbeStats> StatsByKey(ChannelResult result)
    {
        var stats = new Dictionary<string, ProbeStats>(StringComparer.Ordinal);
        foreach (var probe in result.Probes)
        {
            foreach (var instrument in probe.Details ?? [])
            {
                stats[Key(probe, instrument)] = instrument.Stats ?? ProbeStats.Zero;
            }
        }

        return stats;
    }

    private static string Key(ProbeReport probe, InstrumentReport instrument) => $"{probe.Target}\n{instrument.Id}";
}
