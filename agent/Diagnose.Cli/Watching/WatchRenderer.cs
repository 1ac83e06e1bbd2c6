using Diagnose.Cli.Channel;
using System.Text.Json;
using System.Text.Json.Nodes;
using Diagnose.Protocol.Channel;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Display;
using Serilog.Formatting.Json;

namespace Diagnose.Cli.Watching;

/// <summary>
/// Writes what a watch receives through Serilog: to the console, or to a rolling file (<c>--out</c>), as text or one
/// JSON object per line (<c>--json</c>). Log lines read exactly as the target prints them.
/// </summary>
internal sealed class WatchRenderer : IDisposable
{
    private const string TextTemplate = "{Timestamp:HH:mm:ss.fff} {Message:lj}{NewLine}";

    private readonly Logger _logger;
    private readonly ResultParts _snapshots = new();

    private readonly bool _json;

    private WatchRenderer(Logger logger, bool json)
    {
        _logger = logger;
        _json = json;
    }

    /// <param name="pid">Added to every event as <c>Pid</c>.</param>
    /// <param name="outFile">A file to write (rolled daily and at 100 MB, 10 kept) instead of the console.</param>
    /// <param name="json">One JSON object per line instead of text.</param>
    /// <param name="console">Where console output goes (tests pass a writer).</param>
    public static WatchRenderer Create(int pid, string? outFile, bool json, TextWriter? console = null)
    {
        var configuration = new LoggerConfiguration().MinimumLevel.Verbose().Enrich.WithProperty("Pid", pid);
        if (outFile is not null)
        {
            const long limit = 100L * 1024 * 1024;
            configuration = json
                ? configuration.WriteTo.File(new JsonFormatter(renderMessage: true), outFile, fileSizeLimitBytes: limit, rollingInterval: RollingInterval.Day, rollOnFileSizeLimit: true, retainedFileCountLimit: 10)
                : configuration.WriteTo.File(outFile, outputTemplate: TextTemplate, fileSizeLimitBytes: limit, rollingInterval: RollingInterval.Day, rollOnFileSizeLimit: true, retainedFileCountLimit: 10);
        }
        else if (console is not null)
        {
            var formatter = json ? (ITextFormatter)new JsonFormatter(renderMessage: true) : new MessageTemplateTextFormatter(TextTemplate);
            configuration = configuration.WriteTo.Sink(new TextWriterSink(console, formatter));
        }
        else
        {
            configuration = json
                ? configuration.WriteTo.Console(new JsonFormatter(renderMessage: true))
                : configuration.WriteTo.Console(outputTemplate: TextTemplate);
        }

        return new WatchRenderer(configuration.CreateLogger(), json);
    }

    public void Render(ChannelEvent channelEvent)
    {
        switch (channelEvent)
        {
            case ProbeLogLine log:
                Write(log.Time, LogEventLevel.Information, "log", "Probe ({Name:l})[tags=[{TagText:l}]] = {Value:l}", [log.Name, string.Join(", ", log.Tags), log.Value], log.Tags);
                break;
            case ProbeSnapshotPart part when _snapshots.Add(part.SnapshotId, part.Part, part.Parts, part.Text) is { } snapshot:
                RenderSnapshot(part.Time, part.Name, snapshot);
                break;
            case ProbeMetricValue metric:
                Write(metric.Time, LogEventLevel.Information, "metric", "{Type:l} {Name:l} = {Value} [{TagText:l}]", [metric.Type, metric.Name, metric.Value, string.Join(", ", metric.Tags)], metric.Tags);
                break;
            case SpecAppliedReport applied:
                var level = SpecStatus.IsSuccess(applied.Status) ? LogEventLevel.Information : LogEventLevel.Warning;
                Write(applied.Time, level, "applied", "spec {SpecId:l} on {Target:l}: {Outcome:l}", [applied.SpecId, applied.Target, SpecStatus.Describe(applied.Status, applied.Reason)], null);
                break;
            case ProbeStatsReport stats:
                Write(stats.Time, LogEventLevel.Information, "stats", "spec {SpecId:l} on {Target:l}: calls {Calls}, fired {Fired}, dropped {DroppedRate} (rate) {DroppedFull} (full), errors {Errors}", [stats.SpecId, stats.Target, stats.Stats.Calls, stats.Stats.Fired, stats.Stats.DroppedRate, stats.Stats.DroppedFull, stats.Stats.Errors], null);
                break;
            case AgentErrorReport error:
                Write(error.Time, LogEventLevel.Warning, "error", "agent: {Message:l}", [error.Message], null);
                break;
        }
    }

    public void Dispose() => _logger.Dispose();

    /// <summary>
    /// A snapshot: indented on the console and in text files (<c>Snapshot (name) =</c> and the JSON below it), as a
    /// structured <c>Snapshot</c> property with <c>--json</c>.
    /// </summary>
    private void RenderSnapshot(DateTimeOffset time, string name, string json)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            Write(time, LogEventLevel.Warning, "error", "agent: a snapshot of {Name:l} could not be read", [name], null);
            return;
        }

        if (_json)
        {
            Write(time, LogEventLevel.Information, "snapshot", "Snapshot ({Name:l})", [name], null, ("Snapshot", Structured(node)));
            return;
        }

        var indented = node?.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) ?? "null";
        Write(time, LogEventLevel.Information, "snapshot", "Snapshot ({Name:l}) ={NewLineText:l}{Indented:l}", [name, Environment.NewLine, indented], null);
    }

    private static LogEventPropertyValue Structured(JsonNode? node) => node switch
    {
        JsonObject members => new StructureValue(members.Select(m => new LogEventProperty(m.Key, Structured(m.Value)))),
        JsonArray items => new SequenceValue(items.Select(Structured)),
        JsonValue value when value.TryGetValue<bool>(out var flag) => new ScalarValue(flag),
        JsonValue value when value.TryGetValue<string>(out var text) => new ScalarValue(text),
        JsonValue value when value.TryGetValue<long>(out var whole) => new ScalarValue(whole),
        JsonValue value when value.TryGetValue<decimal>(out var number) => new ScalarValue(number),
        JsonValue value when value.TryGetValue<double>(out var real) => new ScalarValue(real),
        _ => new ScalarValue(null),
    };

    private void Write(DateTimeOffset time, LogEventLevel level, string kind, string template, object?[] values, IReadOnlyList<string>? tags, (string Name, LogEventPropertyValue Value)? extra = null)
    {
        if (!_logger.BindMessageTemplate(template, values, out var parsed, out var bound))
        {
            return;
        }

        var properties = bound.ToList();
        properties.Add(new LogEventProperty("Kind", new ScalarValue(kind)));
        if (extra is { } property)
        {
            properties.Add(new LogEventProperty(property.Name, property.Value));
        }

        if (tags is not null)
        {
            properties.Add(new LogEventProperty("Tags", new SequenceValue(tags.Select(t => new ScalarValue(t)))));
        }

        _logger.Write(new LogEvent(time, level, null, parsed, properties));
    }
}
