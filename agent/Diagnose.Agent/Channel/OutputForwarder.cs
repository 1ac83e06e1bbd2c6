using Diagnose.Protocol.Channel;
using Diagnose.Protocol.Specs;

namespace Diagnose.Channel;

/// <summary>
/// Sends what instruments produce, and what happens to specs, as channel events, but only while some session
/// listens (a check of a few nanoseconds otherwise). Runs on the probed method's thread: it must not throw.
/// </summary>
internal sealed class OutputForwarder
{
    private readonly DiagnoseEventSource _events;
    private readonly Heartbeat _heartbeat;
    private long _snapshots;
    private readonly Dictionary<string, (string? Version, string Status, string? Reason, ProbeStats? Stats)> _reported = new(StringComparer.Ordinal);

    public OutputForwarder(DiagnoseEventSource events, Heartbeat heartbeat)
    {
        _events = events;
        _heartbeat = heartbeat;
    }

    public void Start(ChannelSpecStore store)
    {
        InstrumentOutput.LogWritten += OnLog;
        InstrumentOutput.SnapshotWritten += OnSnapshot;
        DiagnoseMeter.Recorded += OnMetric;
        store.Applied += (spec, entry) => OnApplied(SpecReport.ChannelSource, spec, entry);
    }

    private void OnLog(string name, string text, IReadOnlyList<string> tags)
    {
        if (_events.IsListening(ChannelKeywords.Logs))
        {
            Safely(() => _events.ProbeLog(name, text, TagList.ToJson(tags)));
        }
    }

    private void OnSnapshot(string name, string json)
    {
        if (_events.IsListening(ChannelKeywords.Logs))
        {
            var id = Interlocked.Increment(ref _snapshots).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var parts = ResultParts.Split(json);
            Safely(() =>
            {
                for (var i = 0; i < parts.Count; i++)
                {
                    _events.ProbeSnapshot(name, id, i, parts.Count, parts[i]);
                }
            });
        }
    }

    private void OnMetric(string type, string name, double value, IReadOnlyList<string> tags)
    {
        if (_events.IsListening(ChannelKeywords.Metrics))
        {
            Safely(() => _events.ProbeMetric(type, name, value, TagList.ToJson(tags)));
        }
    }

    /// <summary>A spec's status when it (or the version applied) changed; its counters when they changed (every few seconds).</summary>
    private void OnApplied(string source, Spec spec, AppliedEntry entry)
    {
        var (status, reason) = SpecStatus.Of(entry);
        bool statusChanged, statsChanged;
        lock (_reported)
        {
            var known = _reported.TryGetValue(spec.Id, out var last);
            statusChanged = !known || last.Version != entry.LastModified || last.Status != status || last.Reason != reason;
            statsChanged = entry.Stats is not null && entry.Stats != last.Stats;
            _reported[spec.Id] = (entry.LastModified, status, reason, entry.Stats ?? last.Stats);
        }

        if (!_events.IsListening(ChannelKeywords.Reports))
        {
            return;
        }

        if (statusChanged)
        {
            Safely(() => _events.SpecApplied(source, spec.Id, spec.Target, status, reason ?? string.Empty));
        }

        if (statsChanged && entry.Stats is { } stats)
        {
            Safely(() => _events.ProbeStats(source, spec.Id, spec.Target, stats.Calls, stats.Fired, stats.DroppedRate, stats.DroppedFull, stats.Errors));
        }
    }

    private void Safely(Action write)
    {
        try
        {
            write();
            _heartbeat.Request();
        }
        catch (Exception e)
        {
            AgentLog.Error($"channel: an event could not be written: {e.Message}");
        }
    }

}
