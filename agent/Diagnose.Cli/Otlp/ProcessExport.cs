using System.Diagnostics;
using System.Diagnostics.Metrics;
using Diagnose.Cli.Channel;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;

namespace Diagnose.Cli.Otlp;

/// <summary>
/// The OpenTelemetry SDK pipelines of one target process: a MeterProvider and a logger factory of its own, so that
/// everything exported for the process carries the process's resource (service.name, process.pid…).
/// </summary>
/// <remarks>
/// Why one pair of providers per process rather than one with a pid attribute on every point: a resource is what
/// back ends group by (service, instance, host), and the sidecar watches processes of several services. Every
/// process's <see cref="Meter"/> has the same name (so the instrumentation scope reads the same everywhere); a view
/// keeps each MeterProvider to the Meter object it was made for, since a provider listens to meters by name.
/// </remarks>
internal sealed class ProcessExport : IDisposable
{
    /// <summary>The instrumentation scope of the exported metrics and log lines.</summary>
    public const string ScopeName = "Diagnose.Probes";

    private const int ShutdownMilliseconds = 5000;

    // The SDK's defaults (2048, 512) drop lines silently past 2048 in one schedule delay; a probe may write 1,000 a
    // second for each process, and a delay of seconds is common: room for a minute of it, sent 2048 at a time.
    private const int LogQueueSize = 65536;
    private const int LogBatchSize = 2048;

    private readonly Meter _meter = new(ScopeName);
    private readonly MeterProvider _meters;
    private readonly BatchLogRecordExportProcessor _logProcessor;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly Dictionary<(string Type, string Name), Instrument> _instruments = [];

    public ProcessExport(int pid, string? name, OtlpSettings settings)
    {
        var resource = ProcessResource.For(pid, name);
        var meter = _meter;
        _meters = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(ScopeName)
            .AddView(instrument => ReferenceEquals(instrument.Meter, meter) ? null : MetricStreamConfiguration.Drop)
            .AddReader(new PeriodicExportingMetricReader(new OtlpMetricExporter(settings.ExporterOptions(settings.MetricsEndpoint)), settings.MetricIntervalMs))
            .Build();
        _logProcessor = new BatchLogRecordExportProcessor(
            new OtlpLogExporter(settings.ExporterOptions(settings.LogsEndpoint)),
            maxQueueSize: LogQueueSize,
            scheduledDelayMilliseconds: settings.LogDelayMs,
            maxExportBatchSize: LogBatchSize);
        var processor = _logProcessor;
        _loggers = LoggerFactory.Create(builder => builder.AddOpenTelemetry(options =>
        {
            options.SetResourceBuilder(resource);
            options.IncludeFormattedMessage = true;
            options.AddProcessor(processor);
        }));
        _logger = _loggers.CreateLogger(ScopeName);
    }

    /// <summary>incr → a counter, hist → a histogram, gauge → a gauge; the tags are the point's attributes.</summary>
    public void Record(ProbeMetricValue metric)
    {
        if (!double.IsFinite(metric.Value) || string.IsNullOrEmpty(metric.Name))
        {
            return;
        }

        var tags = new TagList();
        foreach (var tag in metric.Tags)
        {
            tags.Add(OtlpNames.Attribute(tag));
        }

        switch (InstrumentFor(metric.Type, metric.Name))
        {
            case Counter<double> counter:
                counter.Add(metric.Value, tags);
                break;
            case Histogram<double> histogram:
                histogram.Record(metric.Value, tags);
                break;
            case Gauge<double> gauge:
                gauge.Record(metric.Value, tags);
                break;
        }
    }

    /// <summary>A log record: body = the line's value text; attributes: the probe id (when known), instrument name, tags.</summary>
    public void Write(ProbeLogLine line, string? probeId)
    {
        var attributes = new List<KeyValuePair<string, object?>>(line.Tags.Count + 3);
        foreach (var tag in line.Tags)
        {
            attributes.Add(OtlpNames.Attribute(tag));
        }

        if (probeId is not null)
        {
            attributes.Add(new(OtlpNames.ProbeId, probeId));
        }

        attributes.Add(new(OtlpNames.InstrumentName, line.Name));

        // The body is the formatted message (IncludeFormattedMessage), which the formatter makes the line's text.
        _logger.Log(LogLevel.Information, default, new LogLine(line.Value, attributes), null, static (state, _) => state.Text);
    }

    /// <summary>Sends what is buffered (waiting at most a few seconds for the collector) and stops.</summary>
    public void Dispose()
    {
        _meters.Shutdown(ShutdownMilliseconds);
        _meters.Dispose();
        _logProcessor.Shutdown(ShutdownMilliseconds);
        _loggers.Dispose();
        _meter.Dispose();
    }

    private Instrument? InstrumentFor(string type, string name)
    {
        if (_instruments.TryGetValue((type, name), out var instrument))
        {
            return instrument;
        }

        var otlpName = OtlpNames.Instrument(name);
        instrument = type switch
        {
            "incr" => _meter.CreateCounter<double>(otlpName),
            "hist" => _meter.CreateHistogram<double>(otlpName),
            "gauge" => _meter.CreateGauge<double>(otlpName),
            _ => null,
        };
        if (instrument is not null)
        {
            _instruments[(type, name)] = instrument;
        }

        return instrument;
    }

    /// <summary>A log line's state as Microsoft.Extensions.Logging passes it: its attributes, and its text.</summary>
    private sealed class LogLine(string text, List<KeyValuePair<string, object?>> attributes) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public string Text { get; } = text;

        public int Count => attributes.Count;

        public KeyValuePair<string, object?> this[int index] => attributes[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => attributes.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
