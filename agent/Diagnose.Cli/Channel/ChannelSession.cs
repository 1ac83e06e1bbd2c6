using System.Diagnostics.Tracing;
using Diagnose.Protocol.Channel;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace Diagnose.Cli.Channel;

/// <summary>
/// One EventPipe session on a target that enables the agent's <c>Diagnose</c> provider (with a command part as its
/// arguments, or none) and reads the provider's events on a background thread until disposed.
/// </summary>
internal sealed class ChannelSession : IDisposable
{
    private readonly EventPipeSession _session;
    private readonly Thread? _reader;
    private int _disposed;

    private ChannelSession(EventPipeSession session, Action<ChannelEvent>? onEvent, Action<Exception?>? onEnded)
    {
        _session = session;
        if (onEvent is null)
        {
            return;
        }

        _reader = new Thread(() => Read(onEvent, onEnded)) { IsBackground = true, Name = "diagnose channel reader" };
        _reader.Start();
    }

    /// <summary>Starts a session; its events go to <paramref name="onEvent"/> (none are read when null).</summary>
    /// <exception cref="CliException">Exit code 3: the process cannot be reached.</exception>
    public static ChannelSession Start(int pid, long keywords, IDictionary<string, string>? arguments, Action<ChannelEvent>? onEvent, Action<Exception?>? onEnded = null)
    {
        var client = new DiagnosticsClient(pid);
        var providers = new[] { new EventPipeProvider(ChannelContract.ProviderName, EventLevel.Informational, keywords, arguments) };
        EventPipeSession session;
        try
        {
            try
            {
                session = client.StartEventPipeSession(new EventPipeSessionConfiguration(providers, circularBufferSizeMB: 16, requestRundown: false, requestStackwalk: false));
            }
            catch (UnsupportedCommandException)
            {
                session = client.StartEventPipeSession(providers, requestRundown: false, circularBufferMB: 16);
            }
        }
        catch (Exception e) when (IsPermissionDenied(e))
        {
            throw Processes.ProcessOwner.Denied(pid);
        }
        catch (Exception e) when (e is ServerNotAvailableException or ServerErrorException or UnsupportedCommandException or IOException or TimeoutException)
        {
            throw new CliException(ExitCodes.Unreachable, $"process {pid} cannot be reached through its diagnostics channel: {e.Message}");
        }

        return new ChannelSession(session, onEvent, onEnded);
    }

    /// <summary>The socket refused this user (EACCES), which NETCore.Client reports in several wrappings.</summary>
    internal static bool IsPermissionDenied(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is UnauthorizedAccessException || e is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AccessDenied })
            {
                return true;
            }
        }

        return false;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            _session.Stop();
        }
        catch (Exception)
        {
            // The process is gone or the session ended already: nothing to stop.
        }

        _reader?.Join(TimeSpan.FromSeconds(2));
        _session.Dispose();
    }

    private void Read(Action<ChannelEvent> onEvent, Action<Exception?>? onEnded)
    {
        Exception? failure = null;
        try
        {
            using var source = new EventPipeEventSource(_session.EventStream);
            source.Dynamic.All += data =>
            {
                if (data.ProviderName != ChannelContract.ProviderName)
                {
                    return;
                }

                var names = data.PayloadNames;
                object? Field(string name) => Array.IndexOf(names, name) is var i and >= 0 ? data.PayloadValue(i) : null;
                if (ChannelEventReader.Read((int)data.ID, new DateTimeOffset(data.TimeStamp), Field) is { } channelEvent)
                {
                    onEvent(channelEvent);
                }
            };
            source.Process();
        }
        catch (Exception e)
        {
            failure = Volatile.Read(ref _disposed) == 0 ? e : null;
        }

        onEnded?.Invoke(failure);
    }
}
