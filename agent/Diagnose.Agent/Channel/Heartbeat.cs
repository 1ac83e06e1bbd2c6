namespace Diagnose.Channel;

/// <summary>
/// Writes a <c>Heartbeat</c> event shortly after output, once per burst. A reader of a live EventPipe stream
/// (TraceEvent) hands out the events one thread wrote in one flush only when a later flush brings a newer event, so
/// without it the last events of a burst (the last line of a watch, the last parts of a long result) would wait for
/// whatever the process writes next. A quiet process writes none.
/// </summary>
internal sealed class Heartbeat
{
    /// <summary>After a burst: longer than EventPipe's flush period (100 ms), so the heartbeat lands in a later flush.</summary>
    internal static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(150);

    private readonly DiagnoseEventSource _events;
    private readonly Timer _timer;
    private int _due;

    public Heartbeat(DiagnoseEventSource events)
    {
        _events = events;
        _timer = new Timer(_ => Beat(), null, Timeout.Infinite, Timeout.Infinite);
    }

    /// <summary>Asks for a heartbeat soon (one for any number of requests before it).</summary>
    public void Request()
    {
        if (Interlocked.Exchange(ref _due, 1) == 0)
        {
            _timer.Change(Delay, Timeout.InfiniteTimeSpan);
        }
    }

    private void Beat()
    {
        Volatile.Write(ref _due, 0);
        try
        {
            _events.Heartbeat();
        }
        catch (Exception e)
        {
            AgentLog.Error($"channel: a heartbeat could not be written: {e.Message}");
        }
    }
}
