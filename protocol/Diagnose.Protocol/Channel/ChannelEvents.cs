namespace Diagnose.Protocol.Channel;

/// <summary>
/// The events of the <c>Diagnose</c> provider, by id. The fields of an event never change; a new field means a new
/// event with a new id (the old one is still written for as long as older tools may listen). Field names are
/// the payload names readers see.
/// </summary>
internal static class ChannelEvents
{
    /// <summary><c>CommandResult(string commandId, int part, int parts, string text)</c>: one part of a result's JSON.</summary>
    internal const int CommandResult = 1;

    /// <summary><c>ProbeLog(string name, string value, string tags)</c>: a log line; tags are a JSON array of strings.</summary>
    internal const int ProbeLog = 2;

    /// <summary><c>ProbeMetric(string type, string name, double value, string tags)</c>: type is hist, incr or gauge.</summary>
    internal const int ProbeMetric = 3;

    /// <summary>
    /// <c>SpecApplied(string source, string specId, string target, string status, string reason)</c>: a spec's
    /// <c>applied</c> entry in this process changed (status as in <see cref="SpecStatus"/>).
    /// </summary>
    internal const int SpecApplied = 4;

    /// <summary><c>AgentError(string message)</c>: an error the agent reported (bad spec, failing instrument…).</summary>
    internal const int AgentError = 5;

    /// <summary>
    /// <c>Heartbeat()</c>: no fields, every keyword; written about 150 ms after a burst of events (output, or the
    /// parts of a result) so that live-stream readers, which hand out the events one thread wrote in one flush only
    /// once a later flush arrives, hand out the whole burst without waiting for the next one. Readers ignore it.
    /// </summary>
    internal const int Heartbeat = 6;

    /// <summary>
    /// <c>ProbeStats(string source, string specId, string target, long calls, long fired, long droppedRate,
    /// long droppedFull, long errors)</c>: a spec's instrument counters in this process (see ProbeStats), sent when
    /// they changed, at most every few seconds.
    /// </summary>
    internal const int ProbeStats = 7;

    /// <summary>
    /// <c>ProbeSnapshot(string name, string snapshotId, int part, int parts, string text)</c>: one part of a snapshot
    /// instrument's JSON object (cut like a result, see ResultParts; ids are unique in the process).
    /// </summary>
    internal const int ProbeSnapshot = 8;
}
