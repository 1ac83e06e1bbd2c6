using System.Globalization;
using Diagnose.Protocol.Channel;

namespace Diagnose.Cli.Channel;

/// <summary>
/// Turns a <c>Diagnose</c> event (its id and fields as TraceEvent decodes them) into a <see cref="ChannelEvent"/>.
/// Unknown ids (a newer agent) and odd fields read as null: a tool never fails on an event.
/// </summary>
internal static class ChannelEventReader
{
    /// <param name="id">The event id.</param>
    /// <param name="time">When the target wrote it.</param>
    /// <param name="field">A field by name (null when absent).</param>
    public static ChannelEvent? Read(int id, DateTimeOffset time, Func<string, object?> field)
    {
        string Text(string name) => field(name) as string ?? string.Empty;
        int Number(string name) => field(name) is { } value ? Convert.ToInt32(value, CultureInfo.InvariantCulture) : -1;
        long Count(string name) => field(name) is { } value ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : 0;
        double Real(string name) => field(name) is { } value ? Convert.ToDouble(value, CultureInfo.InvariantCulture) : double.NaN;

        try
        {
            return id switch
            {
                ChannelEvents.CommandResult => new ResultPart(time, Text("commandId"), Number("part"), Number("parts"), Text("text")),
                ChannelEvents.ProbeSnapshot => new ProbeSnapshotPart(time, Text("name"), Text("snapshotId"), Number("part"), Number("parts"), Text("text")),
                ChannelEvents.ProbeLog => new ProbeLogLine(time, Text("name"), Text("value"), TagList.Parse(Text("tags"))),
                ChannelEvents.ProbeMetric => new ProbeMetricValue(time, Text("type"), Text("name"), Real("value"), TagList.Parse(Text("tags"))),
                ChannelEvents.SpecApplied => new SpecAppliedReport(time, Text("source"), Text("specId"), Text("target"), Text("status"), Text("reason")),
                ChannelEvents.AgentError => new AgentErrorReport(time, Text("message")),
                ChannelEvents.ProbeStats => new ProbeStatsReport(time, Text("source"), Text("specId"), Text("target"), new Protocol.Specs.ProbeStats(Count("calls"), Count("fired"), Count("droppedRate"), Count("droppedFull"), Count("errors"))),
                _ => null,
            };
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException)
        {
            return null;
        }
    }
}
