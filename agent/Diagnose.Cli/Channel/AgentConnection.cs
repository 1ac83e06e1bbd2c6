using Diagnose.Cli.Processes;
using Diagnose.Protocol.Channel;

namespace Diagnose.Cli.Channel;

/// <summary>
/// Sends commands to the agent in a process and waits for their results. Every part but the last travels in a
/// session of its own that ends at once; the last part's session also listens for the result, which carries the
/// command's id (other tools' results, seen by every listening session, are ignored).
/// </summary>
internal sealed class AgentConnection
{
    /// <summary>How long a command may take unless told otherwise (applying many probes takes a while).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private readonly int _pid;

    public AgentConnection(int pid) => _pid = pid;

    /// <summary>Connects to a process where the agent is loaded.</summary>
    /// <exception cref="CliException">Exit code 3: no such process, or Diagnose is not loaded in it.</exception>
    public static AgentConnection To(int pid)
    {
        var process = TargetProcess.Find(pid);
        Timing.Mark("process found");
        if (!process.HasLoaded(TargetProcess.AgentFileName))
        {
            throw new CliException(ExitCodes.Unreachable, $"Diagnose is not loaded in process {pid}; load it first with 'diagnose attach {pid}'");
        }

        Timing.Mark("agent is loaded");
        return new AgentConnection(pid);
    }

    /// <summary>Sends the command and returns the agent's result.</summary>
    /// <exception cref="CliException">Exit code 3: no answer in time, or the process went away.</exception>
    public ChannelResult Send(ChannelCommand command, TimeSpan? timeout = null)
    {
        var wait = timeout ?? DefaultTimeout;
        var id = CommandChunker.NewId();
        IReadOnlyList<CommandEnvelope> parts;
        try
        {
            parts = CommandChunker.Split(id, command.ToUtf8());
        }
        catch (ArgumentException e)
        {
            throw new CliException(ExitCodes.UsageError, e.Message);
        }

        for (var i = 0; i < parts.Count - 1; i++)
        {
            using (ChannelSession.Start(_pid, ChannelKeywords.Commands, parts[i].ToArguments(), onEvent: null))
            {
                // Enabling the provider delivered the part; the session has nothing else to do.
            }
        }

        var answer = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var collected = new ResultParts();
        void OnEvent(ChannelEvent e)
        {
            if (e is ResultPart part && part.CommandId == id)
            {
                lock (collected)
                {
                    if (collected.Add(id, part.Part, part.Parts, part.Text) is { } text)
                    {
                        answer.TrySetResult(text);
                    }
                }
            }
        }

        void OnEnded(Exception? failure) =>
            answer.TrySetException(new CliException(ExitCodes.Unreachable, $"process {_pid} ended the session before answering{(failure is null ? string.Empty : $": {failure.Message}")}; check that it still runs with 'diagnose ps {_pid}' and try again"));

        Timing.Mark($"sending '{command.Op}' ({parts.Count} part(s))");
        using (ChannelSession.Start(_pid, ChannelKeywords.Results, parts[^1].ToArguments(), OnEvent, OnEnded))
        {
            Timing.Mark("session started");
            try
            {
                if (!answer.Task.Wait(wait))
                {
                    throw new CliException(ExitCodes.Unreachable, $"the agent in process {_pid} did not answer '{command.Op}' within {wait.TotalSeconds:0.#} s; the process may be busy or stopped: try again with a longer --timeout, and see 'diagnose probe ls {_pid}' for what was applied");
                }
            }
            catch (AggregateException e) when (e.InnerException is CliException inner)
            {
                throw inner;
            }

            Timing.Mark("answer received");
        }

        Timing.Mark("session stopped");

        var result = ChannelResult.Parse(answer.Task.Result, out var error)
            ?? throw new CliException(ExitCodes.SpecError, error!);
        if (!result.Ok)
        {
            throw new CliException(ExitCodes.SpecError, $"process {_pid}: {result.Error}");
        }

        return result;
    }
}
