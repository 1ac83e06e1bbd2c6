namespace Diagnose.Channel;

/// <summary>Starts the control channel once per process: the <c>Diagnose</c> EventSource, its manager and worker.</summary>
internal static class AgentChannel
{
    private static readonly object s_gate = new();
    private static DiagnoseEventSource? s_events;
    private static ChannelManager? s_manager;

    /// <summary>The channel's manager, once started.</summary>
    public static ChannelManager? Manager => s_manager;

    /// <summary>Starts the channel (again: nothing happens). Never throws: without a channel the agent still applies DIAGNOSE_SPECS.</summary>
    public static void Start()
    {
        lock (s_gate)
        {
            if (s_events is not null)
            {
                return;
            }

            try
            {
                var events = new DiagnoseEventSource();
                var store = new ChannelSpecStore();
                var manager = new ChannelManager(store, events, TimeProvider.System);
                var executor = new CommandExecutor(manager, TimeProvider.System, () => AgentStartup.SpecsPath, () => AgentStartup.SpecsManager, AgentStartup.UsePath);
                var heartbeat = new Heartbeat(events);
                new OutputForwarder(events, heartbeat).Start(store);
                new ChannelServer(events, heartbeat, executor, TimeProvider.System).Start();
                s_events = events;
                s_manager = manager;
                AgentLog.Info("channel: listening as EventSource 'Diagnose'");
            }
            catch (Exception e)
            {
                AgentLog.Error($"channel: could not start: {e}");
            }
        }
    }
}
