using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using Diagnose.Protocol.Channel;

namespace Diagnose.Channel;

/// <summary>
/// The agent's end of the control channel: the EventSource <c>Diagnose</c>. A tool sends a command by starting an
/// EventPipe session that enables it with the command as provider arguments (<see cref="CommandEnvelope"/>); the
/// answers and the instruments' output go back as the events below, to every session that enabled their keyword.
/// Field names and ids are the protocol (protocol/Diagnose.Protocol/Channel/README.md): never change them, add.
/// </summary>
[EventSource(Name = ChannelContract.ProviderName)]
internal sealed class DiagnoseEventSource : EventSource
{
    private const int MaxQueuedCommands = 256;

    /// <summary>
    /// Command arguments waiting for the channel's worker. Initialized with the field, because the base constructor
    /// already delivers the commands of sessions that were waiting for this provider to appear.
    /// </summary>
    private readonly BlockingCollection<IDictionary<string, string?>> _inbox = new(MaxQueuedCommands);

    /// <summary>Command arguments as sessions deliver them; taken by the channel's worker.</summary>
    internal BlockingCollection<IDictionary<string, string?>> Inbox => _inbox;

    [Event(ChannelEvents.CommandResult, Level = EventLevel.Informational, Keywords = Keywords.Results, Version = 1)]
    public unsafe void CommandResult(string commandId, int part, int parts, string text)
    {
        fixed (char* id = commandId)
        fixed (char* content = text)
        {
            var data = stackalloc EventData[4];
            data[0] = Text(id, commandId);
            data[1] = new EventData { DataPointer = (nint)(&part), Size = sizeof(int) };
            data[2] = new EventData { DataPointer = (nint)(&parts), Size = sizeof(int) };
            data[3] = Text(content, text);
            WriteEventCore(ChannelEvents.CommandResult, 4, data);
        }
    }

    [Event(ChannelEvents.ProbeLog, Level = EventLevel.Informational, Keywords = Keywords.Logs, Version = 1)]
    public unsafe void ProbeLog(string name, string value, string tags)
    {
        fixed (char* n = name)
        fixed (char* v = value)
        fixed (char* t = tags)
        {
            var data = stackalloc EventData[3];
            data[0] = Text(n, name);
            data[1] = Text(v, value);
            data[2] = Text(t, tags);
            WriteEventCore(ChannelEvents.ProbeLog, 3, data);
        }
    }

    [Event(ChannelEvents.ProbeSnapshot, Level = EventLevel.Informational, Keywords = Keywords.Logs, Version = 1)]
    public unsafe void ProbeSnapshot(string name, string snapshotId, int part, int parts, string text)
    {
        fixed (char* n = name)
        fixed (char* id = snapshotId)
        fixed (char* content = text)
        {
            var data = stackalloc EventData[5];
            data[0] = Text(n, name);
            data[1] = Text(id, snapshotId);
            data[2] = new EventData { DataPointer = (nint)(&part), Size = sizeof(int) };
            data[3] = new EventData { DataPointer = (nint)(&parts), Size = sizeof(int) };
            data[4] = Text(content, text);
            WriteEventCore(ChannelEvents.ProbeSnapshot, 5, data);
        }
    }

    [Event(ChannelEvents.ProbeMetric, Level = EventLevel.Informational, Keywords = Keywords.Metrics, Version = 1)]
    public unsafe void ProbeMetric(string type, string name, double value, string tags)
    {
        fixed (char* k = type)
        fixed (char* n = name)
        fixed (char* t = tags)
        {
            var data = stackalloc EventData[4];
            data[0] = Text(k, type);
            data[1] = Text(n, name);
            data[2] = new EventData { DataPointer = (nint)(&value), Size = sizeof(double) };
            data[3] = Text(t, tags);
            WriteEventCore(ChannelEvents.ProbeMetric, 4, data);
        }
    }

    [Event(ChannelEvents.SpecApplied, Level = EventLevel.Informational, Keywords = Keywords.Reports, Version = 1)]
    public void SpecApplied(string source, string specId, string target, string status, string reason) =>
        WriteEvent(ChannelEvents.SpecApplied, source, specId, target, status, reason);

    [Event(ChannelEvents.ProbeStats, Level = EventLevel.Informational, Keywords = Keywords.Reports, Version = 1)]
    public void ProbeStats(string source, string specId, string target, long calls, long fired, long droppedRate, long droppedFull, long errors) =>
        WriteEvent(ChannelEvents.ProbeStats, source, specId, target, calls, fired, droppedRate, droppedFull, errors);

    [Event(ChannelEvents.AgentError, Level = EventLevel.Warning, Keywords = Keywords.Reports, Version = 1)]
    public void AgentError(string message) => WriteEvent(ChannelEvents.AgentError, message);

    [Event(ChannelEvents.Heartbeat, Level = EventLevel.Informational, Keywords = Keywords.Results | Keywords.Logs | Keywords.Metrics | Keywords.Reports, Version = 1)]
    public void Heartbeat() => WriteEvent(ChannelEvents.Heartbeat);

    /// <summary>True when some session listens to events of <paramref name="keywords"/>.</summary>
    [NonEvent]
    internal bool IsListening(long keywords) => IsEnabled(EventLevel.Informational, (EventKeywords)keywords);

    /// <summary>Runs inside the runtime's enable callback: only queue, the worker does the rest.</summary>
    protected override void OnEventCommand(EventCommandEventArgs command)
    {
        if (!CommandEnvelope.IsCommand(command.Arguments))
        {
            return;
        }

        try
        {
            if (!_inbox.TryAdd(new Dictionary<string, string?>(command.Arguments!, StringComparer.Ordinal)))
            {
                AgentLog.Warning($"channel: more than {MaxQueuedCommands} commands are waiting; one was dropped");
            }
        }
        catch (InvalidOperationException)
        {
            // Disposed: the process is shutting down.
        }
    }

    protected override void Dispose(bool disposing)
    {
        _inbox.CompleteAdding();
        base.Dispose(disposing);
    }

    private static unsafe EventData Text(char* pointer, string text) =>
        new() { DataPointer = (nint)pointer, Size = (text.Length + 1) * sizeof(char) };

    /// <summary>The provider's keywords (names appear in the manifest).</summary>
    public static class Keywords
    {
        public const EventKeywords Results = (EventKeywords)ChannelKeywords.Results;
        public const EventKeywords Logs = (EventKeywords)ChannelKeywords.Logs;
        public const EventKeywords Metrics = (EventKeywords)ChannelKeywords.Metrics;
        public const EventKeywords Reports = (EventKeywords)ChannelKeywords.Reports;
        public const EventKeywords Commands = (EventKeywords)ChannelKeywords.Commands;
    }
}
