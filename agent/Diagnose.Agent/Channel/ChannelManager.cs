namespace Diagnose.Channel;

/// <summary>
/// The manager of the specs sent through the channel, beside the one of the specs path (DIAGNOSE_SPECS); errors
/// also go out as <c>AgentError</c> events.
/// </summary>
internal sealed class ChannelManager : Manager
{
    private readonly DiagnoseEventSource _events;

    public ChannelManager(ChannelSpecStore store, DiagnoseEventSource events, TimeProvider time)
        : base(store, time)
    {
        Store = store;
        _events = events;
    }

    public ChannelSpecStore Store { get; }

    protected override void HandleError(Probe? probe, Instrument? instrument, string error)
    {
        base.HandleError(probe, instrument, error);
        if (_events.IsListening(Protocol.Channel.ChannelKeywords.Reports))
        {
            _events.AgentError(instrument is null ? error : $"instrument '{instrument.Name}': {error}");
        }
    }
}
