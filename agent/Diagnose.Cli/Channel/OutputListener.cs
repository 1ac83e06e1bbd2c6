using System.Runtime.InteropServices;
using Diagnose.Cli.Processes;
using Diagnose.Protocol.Channel;

namespace Diagnose.Cli.Channel;

/// <summary>Why <see cref="OutputListener.Wait"/> returned.</summary>
internal enum ListenEnd
{
    /// <summary>Ctrl-C (SIGINT) or SIGTERM.</summary>
    Interrupted = 0,

    /// <summary>The process ended, or ended the session.</summary>
    ProcessEnded = 1,

    /// <summary>The time limit passed.</summary>
    TimeUp = 2,
}

/// <summary>
/// Listens to what the instruments of a process write (log lines, metric values, spec reports: the Watch keywords)
/// until it is told to stop: Ctrl-C or SIGTERM (taken from the moment it starts, so a command can clean up after
/// them), the process ending, or a time limit. Its events keep coming until it is disposed. <c>watch</c> and
/// <c>hotspots</c> listen this way.
/// </summary>
internal sealed class OutputListener : IDisposable
{
    private static readonly TimeSpan s_checkEvery = TimeSpan.FromSeconds(1);
    private readonly int _pid;
    private readonly ManualResetEventSlim _stop = new();
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;
    private ChannelSession? _session;
    private bool _interrupted;
    private bool _ended;

    private OutputListener(int pid)
    {
        _pid = pid;
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Interrupt);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Interrupt);
    }

    /// <summary>Ctrl-C or SIGTERM came (at any time since the start).</summary>
    public bool Interrupted => Volatile.Read(ref _interrupted);

    /// <summary>Starts listening; <paramref name="onEvent"/> is called on the session's reader thread.</summary>
    /// <exception cref="CliException">Exit code 3: the process cannot be reached.</exception>
    public static OutputListener Start(int pid, Action<ChannelEvent> onEvent)
    {
        var listener = new OutputListener(pid);
        try
        {
            listener._session = ChannelSession.Start(pid, ChannelKeywords.Watch, arguments: null, onEvent, listener.OnEnded);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        return listener;
    }

    /// <summary>Waits until a signal, the end of the process, or <paramref name="limit"/> (none: no limit).</summary>
    public ListenEnd Wait(TimeSpan? limit = null)
    {
        var deadline = limit is { } span ? DateTime.UtcNow + span : DateTime.MaxValue;
        while (true)
        {
            if (Interrupted)
            {
                return ListenEnd.Interrupted;
            }

            if (Volatile.Read(ref _ended) || !TargetProcess.IsRunning(_pid))
            {
                return ListenEnd.ProcessEnded;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                return ListenEnd.TimeUp;
            }

            _stop.Wait(left < s_checkEvery ? left : s_checkEvery);
        }
    }

    public void Dispose()
    {
        _session?.Dispose();
        _interrupt.Dispose();
        _terminate.Dispose();
        // _stop is not disposed: a late end of the session may still set it.
    }

    private void OnEnded(Exception? failure)
    {
        Volatile.Write(ref _ended, true);
        _stop.Set();
    }

    private void Interrupt(PosixSignalContext context)
    {
        context.Cancel = true;
        Volatile.Write(ref _interrupted, true);
        _stop.Set();
    }
}
