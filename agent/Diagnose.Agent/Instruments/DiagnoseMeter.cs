using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Diagnose;

/// <summary>The meter <c>Diagnose</c> that metric instruments publish to (dotnet-counters, OpenTelemetry, MeterListener).</summary>
internal static class DiagnoseMeter
{
    public const string Name = "Diagnose";

    private static readonly Meter s_meter = new(Name);

    /// <summary>The meter itself, for the probes' own counters (<see cref="Guardrails.GuardMetrics"/>).</summary>
    internal static Meter Meter => s_meter;
    private static readonly ConcurrentDictionary<string, Histogram<double>> s_histograms = new();
    private static readonly ConcurrentDictionary<string, Counter<double>> s_counters = new();
    private static readonly ConcurrentDictionary<string, GaugeValues> s_gauges = new();

    /// <summary>Called with (instrument type, name, value, tags) for every recorded value (the control channel listens).</summary>
    public static event Action<string, string, double, IReadOnlyList<string>>? Recorded;

    public static void Histogram(string name, double value, IReadOnlyList<string> tags)
    {
        s_histograms.GetOrAdd(name, n => s_meter.CreateHistogram<double>(n)).Record(value, TagPairs(tags));
        Recorded?.Invoke("hist", name, value, tags);
    }

    public static void Increment(string name, double value, IReadOnlyList<string> tags)
    {
        s_counters.GetOrAdd(name, n => s_meter.CreateCounter<double>(n)).Add(value, TagPairs(tags));
        Recorded?.Invoke("incr", name, value, tags);
    }

    public static void Gauge(string name, double value, IReadOnlyList<string> tags)
    {
        s_gauges.GetOrAdd(name, n => new GaugeValues(n)).Set(value, tags);
        Recorded?.Invoke("gauge", name, value, tags);
    }

    /// <summary>"k:v" texts as metric tags; a text without ':' becomes a tag with no value.</summary>
    public static KeyValuePair<string, object?>[] TagPairs(IReadOnlyList<string> tags)
    {
        if (tags.Count == 0)
        {
            return [];
        }

        var pairs = new KeyValuePair<string, object?>[tags.Count];
        for (var i = 0; i < tags.Count; i++)
        {
            var colon = tags[i].IndexOf(':');
            pairs[i] = colon < 0 ? new(tags[i], null) : new(tags[i][..colon], tags[i][(colon + 1)..]);
        }

        return pairs;
    }

    /// <summary>The last value per tag set, observed by an ObservableGauge (Gauge&lt;T&gt; needs .NET 9).</summary>
    private sealed class GaugeValues
    {
        private readonly ConcurrentDictionary<string, Measurement<double>> _last = new();

        public GaugeValues(string name) => s_meter.CreateObservableGauge(name, () => _last.Values);

        public void Set(double value, IReadOnlyList<string> tags) =>
            _last[string.Join("\u0001", tags)] = new Measurement<double>(value, TagPairs(tags));
    }
}
