namespace Diagnose.Protocol.Channel;

/// <summary>
/// The events of the <c>Diagnose</c> provider, by id. The fields of an event never change; a new field means a new
/// event with a new id (the old one is still written for as long as older tools may listen).
/// </summary>
internal static class ChannelEvents
{
    /// <summary><c>CommandResult(string CommandId, int Part, int Parts, string Text)</c>: one part of a result's JSON.</summary>
    internal const int CommandResult = 1;

    /// <summary><c>ProbeLog(string Name, string Value, string Tags)</c>: a log line; tags are a JSON array of strings.</summary>
    internal const int ProbeLog = 2;

    /// <summary><c>ProbeMetric(string Type, string Name, double Value, string Tags)</c>: type is hist, incr or gauge.</summary>
    internal const int ProbeMetric = 3;

    /// <summary>
    /// <c>SpecApplied(string Source, string SpecId, string Target, string Status, string Reason)</c>: a spec's
    /// <c>applied</c> entry in this process changed (status as in <see cref="SpecStatus"/>).
    /// </summary>
    internal const int SpecApplied = 4;

    /// <summary><c>AgentError(string Message)</c>: an error the agent reported (bad spec, failing instrument…).</summary>
    internal const int AgentError = 5;
}
