namespace Diagnose.Protocol.Channel;

/// <summary>The keywords of the <c>Diagnose</c> provider: a session enables what it wants to receive.</summary>
internal static class ChannelKeywords
{
    /// <summary><c>CommandResult</c> events: the answers to commands.</summary>
    internal const long Results = 0x1;

    /// <summary><c>ProbeLog</c> events: every line a log instrument writes.</summary>
    internal const long Logs = 0x2;

    /// <summary><c>ProbeMetric</c> events: every value a hist / incr / gauge instrument records.</summary>
    internal const long Metrics = 0x4;

    /// <summary><c>SpecApplied</c> and <c>AgentError</c> events: what happened to specs, and errors, as they happen.</summary>
    internal const long Reports = 0x8;

    /// <summary>No events: enabled by sessions that only carry a part of a long command.</summary>
    internal const long Commands = 0x10;

    /// <summary>What <c>diagnose watch</c> enables.</summary>
    internal const long Watch = Logs | Metrics | Reports;
}
