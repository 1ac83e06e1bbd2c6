namespace Diagnose.Channel;

/// <summary>
/// The manager of the specs sent through the channel, beside the one of the specs path (DIAGNOSE_SPECS); errors
/// also go out as <c>AgentError</c> events.
/// </summary>
internal sealed class ChannelManager : Manager
{
    private readonly DiagnoseEventSource _events;
    private int _background;

    public ChannelManager(ChannelSpecStore store, DiagnoseEventSource events, TimeProvider time)
        : base(store, time)
    {
        Store = store;
        _events = events;
    }

    public ChannelSpecStore Store { get; }

    /// <summary>
    /// Starts applying every 10 s, once the channel has had specs: a process nobody sent specs to never touches the
    /// probe engine (which would load the profiler) on its own.
    /// </summary>
    public void ApplyInBackgroundOnce()
    {
        if (Interlocked.Exchange(ref _background, 1) == 0)
        {
            ApplyInBackground(TimeSpan.FromSeconds(10));
        }
    }

    /// <summary>
    /// DIAGNOSE_TAGS and settings.json beside the specs path in use, as for the specs path's own manager; when the
    /// channel's specs came with tags (a sidecar's settings.json), those in place of the file.
    /// </summary>
    protected override IEnumerable<string> GetTags() =>
        Store.SentTags is { } sent ? Management.OutOfBandTags.Sent(sent) : Management.OutOfBandTags.Read(AgentStartup.SpecsPath);

    protected override void HandleError(Probe? probe, Instrument? instrument, string error)
    {
        base.HandleError(probe, instrument, error);
        if (_events.IsListening(Protocol.Channel.ChannelKeywords.Reports))
        {
            _events.AgentError(instrument is null ? error : $"instrument '{instrument.Name}': {error}");
        }
    }
}
