using Diagnose.Protocol.Channel;

namespace Diagnose.Channel;

/// <summary>
/// The channel's worker: takes the command parts sessions delivered, puts commands together, runs each once and
/// sends its result. A command id seen again (a tool retrying, a part delivered twice) gets the same result again
/// without running twice. This is the one place where a failing command is caught and answered.
/// </summary>
internal sealed class ChannelServer
{
    private const int RememberedResults = 64;

    private readonly DiagnoseEventSource _events;
    private readonly Heartbeat _heartbeat;
    private readonly CommandExecutor _executor;
    private readonly TimeProvider _time;
    private readonly CommandAssembler _assembler = new();
    private readonly Dictionary<string, string> _results = new(StringComparer.Ordinal);
    private readonly Queue<string> _resultOrder = new();

    public ChannelServer(DiagnoseEventSource events, Heartbeat heartbeat, CommandExecutor executor, TimeProvider time)
    {
        _events = events;
        _heartbeat = heartbeat;
        _executor = executor;
        _time = time;
    }

    /// <summary>Serves commands on a background thread until the event source is disposed.</summary>
    public void Start()
    {
        var thread = new Thread(Serve) { IsBackground = true, Name = "Diagnose channel" };
        thread.Start();
    }

    /// <summary>Handles one delivery of provider arguments (public for tests, which drive it without a thread).</summary>
    public void Receive(IDictionary<string, string?> arguments)
    {
        var part = CommandEnvelope.Read(arguments, out var commandId, out var error);
        if (part is null)
        {
            AgentLog.Warning($"channel: a command was refused: {error}");
            if (commandId is not null)
            {
                Send(commandId, ChannelResult.Failure(string.Empty, error!, _executor.Agent).ToJson());
            }

            return;
        }

        var json = _assembler.Add(part, _time.GetUtcNow(), out error);
        if (json is null)
        {
            if (error is not null)
            {
                Send(part.CommandId, ChannelResult.Failure(string.Empty, error, _executor.Agent).ToJson());
            }

            return;
        }

        if (_results.TryGetValue(part.CommandId, out var earlier))
        {
            Send(part.CommandId, earlier);
            return;
        }

        var result = Execute(json).ToJson();
        Remember(part.CommandId, result);
        Send(part.CommandId, result);
    }

    private ChannelResult Execute(byte[] json)
    {
        var command = ChannelCommand.Parse(json, out var error);
        if (command is null)
        {
            return ChannelResult.Failure(string.Empty, error!, _executor.Agent);
        }

        try
        {
            AgentLog.Info($"channel: {command.Op}");
            return _executor.Execute(command);
        }
        catch (Exception e)
        {
            AgentLog.Error($"channel: '{command.Op}' failed: {e}");
            return ChannelResult.Failure(command.Op, $"the agent failed: {e.GetType().Name}: {e.Message}", _executor.Agent);
        }
    }

    private void Send(string commandId, string json)
    {
        var parts = ResultParts.Split(json);
        for (var i = 0; i < parts.Count; i++)
        {
            _events.CommandResult(commandId, i, parts.Count, parts[i]);
        }

        _heartbeat.Request(); // lets a reader hand out the parts after the first one (see Heartbeat)
    }

    private void Remember(string commandId, string result)
    {
        _results[commandId] = result;
        _resultOrder.Enqueue(commandId);
        while (_resultOrder.Count > RememberedResults)
        {
            _results.Remove(_resultOrder.Dequeue());
        }
    }

    private void Serve()
    {
        try
        {
            foreach (var arguments in _events.Inbox.GetConsumingEnumerable())
            {
                try
                {
                    Receive(arguments);
                }
                catch (Exception e)
                {
                    AgentLog.Error($"channel: a command could not be handled: {e}");
                }
            }
        }
        catch (ObjectDisposedException)
        {
            // The event source is gone: the process is shutting down.
        }
    }
}
