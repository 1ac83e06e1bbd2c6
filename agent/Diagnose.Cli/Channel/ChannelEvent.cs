namespace Diagnose.Cli.Channel;

/// <summary>An event of the agent's <c>Diagnose</c> provider, as the tool reads it (see the protocol's README).</summary>
internal abstract record ChannelEvent(DateTimeOffset Time);

/// <summary>One part of a command's result.</summary>
internal sealed record ResultPart(DateTimeOffset Time, string CommandId, int Part, int Parts, string Text) : ChannelEvent(Time);

/// <summary>A line written by a log instrument.</summary>
/// <summary>One part of a snapshot's JSON (see ResultParts); <see cref="Watching.WatchRenderer"/> puts them together.</summary>
internal sealed record ProbeSnapshotPart(DateTimeOffset Time, string Name, string SnapshotId, int Part, int Parts, string Text) : ChannelEvent(Time);

internal sealed record ProbeLogLine(DateTimeOffset Time, string Name, string Value, IReadOnlyList<string> Tags) : ChannelEvent(Time);

/// <summary>A value recorded by a hist / incr / gauge instrument.</summary>
internal sealed record ProbeMetricValue(DateTimeOffset Time, string Type, string Name, double Value, IReadOnlyList<string> Tags) : ChannelEvent(Time);

/// <summary>A spec's applied entry changed in the process.</summary>
internal sealed record SpecAppliedReport(DateTimeOffset Time, string Source, string SpecId, string Target, string Status, string Reason) : ChannelEvent(Time);

/// <summary>The counters of a spec's instrument in the process.</summary>
internal sealed record ProbeStatsReport(DateTimeOffset Time, string Source, string SpecId, string Target, Protocol.Specs.ProbeStats Stats) : ChannelEvent(Time);

/// <summary>An error the agent reported.</summary>
internal sealed record AgentErrorReport(DateTimeOffset Time, string Message) : ChannelEvent(Time);
