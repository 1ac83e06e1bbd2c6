using System.Diagnostics.Tracing;
using System.Globalization;

namespace Diagnose.Cli.Otlp;

/// <summary>
/// Tells the user, once, that the collector did not take an export: the OTLP exporter reports its failures only as
/// events of its EventSource (and drops the batch), so this listens to its errors. The first one is written to the
/// error writer with what to check next; exporting goes on, and the watch keeps printing.
/// </summary>
internal sealed class ExportFailureReport : EventListener
{
    private const string ExporterSource = "OpenTelemetry-Exporter-OpenTelemetryProtocol";

    private TextWriter? _errors;
    private string _collector = string.Empty;
    private int _reported;

    /// <summary>Starts listening.</summary>
    public static ExportFailureReport To(TextWriter errors, string collector)
    {
        // EventListener's constructor already calls OnEventSourceCreated, so the fields are set after it.
        var report = new ExportFailureReport();
        report._collector = collector;
        Volatile.Write(ref report._errors, errors);
        return report;
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == ExporterSource)
        {
            EnableEvents(eventSource, EventLevel.Error);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.Level > EventLevel.Error || Volatile.Read(ref _errors) is not { } errors || Interlocked.Exchange(ref _reported, 1) != 0)
        {
            return;
        }

        errors.WriteLine($"diagnose: OTLP export to {_collector} failed: {Describe(eventData)}; is a collector listening there (check --otlp, {OtlpSettings.EndpointVariable} and {OtlpSettings.ProtocolVariable})? Going on; this is reported once (DIAGNOSE_DEBUG=1 shows the whole exception)");
        if (Environment.GetEnvironmentVariable("DIAGNOSE_DEBUG") == "1")
        {
            errors.WriteLine(string.Join(Environment.NewLine, eventData.Payload ?? (IEnumerable<object?>)[]));
        }
    }

    /// <summary>The event's message with its fields, the first line of each (an exception's, without its stack).</summary>
    private static string Describe(EventWrittenEventArgs e)
    {
        var fields = (e.Payload ?? (IEnumerable<object?>)[]).Select(p => FirstLine(Convert.ToString(p, CultureInfo.InvariantCulture))).ToArray<object?>();
        if (e.Message is { Length: > 0 } message)
        {
            try
            {
                return string.Format(CultureInfo.InvariantCulture, message, fields);
            }
            catch (FormatException)
            {
                // Fall back to the fields as they are.
            }
        }

        return $"{e.EventName}: {string.Join("; ", fields)}";
    }

    private static string FirstLine(string? text)
    {
        text ??= string.Empty;
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }
}
