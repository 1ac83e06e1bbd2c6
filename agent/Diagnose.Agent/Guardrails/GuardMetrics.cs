using System.Diagnostics.Metrics;
using Diagnose.Hooks;
using Diagnose.Protocol.Specs;

namespace Diagnose.Guardrails;

/// <summary>
/// Every probe's counters as observable instruments of meter <c>Diagnose</c>, tagged <c>probe</c> (the spec id):
/// <c>diagnose.probe.calls</c>, <c>diagnose.probe.fired</c>, <c>diagnose.probe.dropped</c> (tag <c>reason</c>:
/// rate or full) and <c>diagnose.probe.errors</c>. They are read only when a listener (dotnet-counters,
/// OpenTelemetry, a MeterListener) collects.
/// </summary>
internal static class GuardMetrics
{
    private static int s_created;

    public static void EnsureCreated()
    {
        if (Interlocked.Exchange(ref s_created, 1) != 0)
        {
            return;
        }

        var meter = DiagnoseMeter.Meter;
        meter.CreateObservableCounter("diagnose.probe.calls", () => Observe(s => s.Calls), "{call}", "Calls of probed methods each probe saw");
        meter.CreateObservableCounter("diagnose.probe.fired", () => Observe(s => s.Fired), "{fire}", "Calls each probe recorded");
        meter.CreateObservableCounter("diagnose.probe.dropped", ObserveDropped, "{call}", "Calls or lines a probe's rate limit or a full output queue dropped");
        meter.CreateObservableCounter("diagnose.probe.errors", () => Observe(s => s.Errors), "{error}", "Errors of each probe's instruments");
    }

    private static IEnumerable<Measurement<long>> Observe(Func<ProbeStats, long> count) =>
        Stats().Select(s => new Measurement<long>(count(s.Stats), new KeyValuePair<string, object?>("probe", s.Id)));

    private static IEnumerable<Measurement<long>> ObserveDropped() => Stats().SelectMany(s => new[]
    {
        new Measurement<long>(s.Stats.DroppedRate, new KeyValuePair<string, object?>("probe", s.Id), new KeyValuePair<string, object?>("reason", "rate")),
        new Measurement<long>(s.Stats.DroppedFull, new KeyValuePair<string, object?>("probe", s.Id), new KeyValuePair<string, object?>("reason", "full")),
    });

    private static List<(string Id, ProbeStats Stats)> Stats()
    {
        using var agent = ReentryGuard.Agent();
        try
        {
            return Probes.Active.Values
                .SelectMany(p => p.Instruments.Values)
                .Distinct()
                .Where(i => i.Stats is not null)
                .Select(i => (i.Id, i.Stats!))
                .ToList();
        }
        catch (Exception e)
        {
            AgentLog.Error($"guardrails: reading probe counters for metrics failed: {e.Message}");
            return [];
        }
    }
}
