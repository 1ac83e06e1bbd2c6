using Diagnose.Cli.Channel;
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

    private WatchRenderer(Logger logger) => _logger = logger;

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

        return new WatchRenderer(configuration.CreateLogger());
    }

    public void Render(ChannelEvent channelEvent)
    {
        switch (channelEvent)
        {
            case ProbeLogLine log:
                Write(log.Time, LogEventLevel.Information, "log", "Probe ({Name:l})[tags=[{TagText:l}]] = {Value:l}", [log.Name, string.Join(", ", log.Tags), log.Value], log.Tags);
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

    private void Write(DateTimeOffset time, LogEventLevel level, string kind, string template, object?[] values, IReadOnlyList<string>? tags)
    {
        if (!_logger.BindMessageTemplate(template, values, out var parsed, out var bound))
        {
            return;
        }

        var properties = bound.ToList();
        properties.Add(new LogEventProperty("Kind", new ScalarValue(kind)));
        if (tags is not null)
        {
            properties.Add(new LogEventProperty("Tags", new SequenceValue(tags.Select(t => new ScalarValue(t)))));
        }

        _logger.Write(new LogEvent(time, level, null, parsed, properties));
    }
}
