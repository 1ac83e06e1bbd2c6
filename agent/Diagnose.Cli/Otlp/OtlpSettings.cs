using System.Globalization;
using OpenTelemetry.Exporter;

namespace Diagnose.Cli.Otlp;

/// <summary>
/// Where and how <c>--otlp</c> exports, from the option's value and the standard <c>OTEL_*</c> variables:
/// <list type="bullet">
/// <item><c>--otlp URL</c>: the collector's base URL (<c>http://host:4318</c>); <c>--otlp</c> alone: the base URL in
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, else the OTLP default for the protocol. Without <c>--otlp</c> nothing is
/// exported, even when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set: those variables are often set for the app in the
/// same container, and the tool sends data only when asked to.</item>
/// <item><c>OTEL_EXPORTER_OTLP_PROTOCOL</c>: <c>http/protobuf</c> (the default here) or <c>grpc</c>. For HTTP the
/// signal paths <c>/v1/metrics</c> and <c>/v1/logs</c> are added to the base URL's path, as the OTLP specification
/// says for <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>; gRPC uses the URL as it is.</item>
/// <item><c>OTEL_EXPORTER_OTLP_HEADERS</c> (<c>key=value,…</c>): sent with every export, never printed.</item>
/// <item><c>OTEL_METRIC_EXPORT_INTERVAL</c> (ms, default 60000) and <c>OTEL_BLRP_SCHEDULE_DELAY</c> (ms, default
/// 1000): how often metrics are sent, and how long log lines wait to be sent in a batch.</item>
/// </list>
/// </summary>
internal sealed record OtlpSettings(Uri Endpoint, OtlpExportProtocol Protocol, string? Headers, int MetricIntervalMs, int LogDelayMs)
{
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ProtocolVariable = "OTEL_EXPORTER_OTLP_PROTOCOL";
    public const string HeadersVariable = "OTEL_EXPORTER_OTLP_HEADERS";
    public const string MetricIntervalVariable = "OTEL_METRIC_EXPORT_INTERVAL";
    public const string LogDelayVariable = "OTEL_BLRP_SCHEDULE_DELAY";

    /// <summary>The settings for <c>--otlp</c> given with <paramref name="value"/> (empty: given without a value).</summary>
    /// <param name="value">The option's value.</param>
    /// <param name="variable">Reads an environment variable (tests pass their own).</param>
    /// <exception cref="CliException">Exit code 2: a URL, protocol, header list or interval that cannot be used.</exception>
    public static OtlpSettings From(string value, Func<string, string?> variable)
    {
        var protocol = ProtocolOf(variable(ProtocolVariable));
        var fromVariable = string.IsNullOrWhiteSpace(value);
        var text = fromVariable ? variable(EndpointVariable) : value;
        if (string.IsNullOrWhiteSpace(text))
        {
            text = protocol == OtlpExportProtocol.Grpc ? "http://localhost:4317" : "http://localhost:4318";
        }

        var source = fromVariable ? EndpointVariable : "--otlp";
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https") || string.IsNullOrEmpty(endpoint.Host))
        {
            throw new CliException(ExitCodes.UsageError, $"{source}: '{text}' is not an http:// or https:// URL of an OTLP collector (e.g. http://localhost:4318 for OTLP/HTTP, the default; http://localhost:4317 with {ProtocolVariable}=grpc)");
        }

        if (!string.IsNullOrEmpty(endpoint.UserInfo))
        {
            // Not echoed: it holds a password.
            throw new CliException(ExitCodes.UsageError, $"{source}: the URL has a user name or password; give credentials as headers instead, in {HeadersVariable} (e.g. Authorization=Basic …)");
        }

        if (!string.IsNullOrEmpty(endpoint.Query) || !string.IsNullOrEmpty(endpoint.Fragment))
        {
            throw new CliException(ExitCodes.UsageError, $"{source}: '{endpoint.Scheme}://{endpoint.Authority}{endpoint.AbsolutePath}…' has a query or fragment; give the collector's base URL, e.g. http://localhost:4318");
        }

        var headers = variable(HeadersVariable);
        if (!string.IsNullOrWhiteSpace(headers) && headers.Split(',').Any(h => h.Trim().Length > 0 && h.IndexOf('=') <= 0))
        {
            // The values are secrets: name the variable and the expected form, never its content.
            throw new CliException(ExitCodes.UsageError, $"{HeadersVariable} is not a list of key=value pairs separated by commas (e.g. api-key=…,tenant=…)");
        }

        return new OtlpSettings(
            endpoint,
            protocol,
            string.IsNullOrWhiteSpace(headers) ? null : headers,
            Milliseconds(variable, MetricIntervalVariable, 60000),
            Milliseconds(variable, LogDelayVariable, 1000));
    }

    /// <summary>The URL metrics are sent to.</summary>
    public Uri MetricsEndpoint => SignalEndpoint("v1/metrics");

    /// <summary>The URL log lines are sent to.</summary>
    public Uri LogsEndpoint => SignalEndpoint("v1/logs");

    /// <summary>How the collector is named in messages (no user information, no headers).</summary>
    public string Describe() => $"{Endpoint.Scheme}://{Endpoint.Authority}{Endpoint.AbsolutePath.TrimEnd('/')} ({(Protocol == OtlpExportProtocol.Grpc ? "grpc" : "http/protobuf")})";

    /// <summary>Options for one exporter of a signal.</summary>
    public OtlpExporterOptions ExporterOptions(Uri endpoint)
    {
        var options = new OtlpExporterOptions { Protocol = Protocol, Endpoint = endpoint };
        if (Headers is not null)
        {
            options.Headers = Headers;
        }

        return options;
    }

    private Uri SignalEndpoint(string path)
    {
        if (Protocol == OtlpExportProtocol.Grpc)
        {
            return Endpoint;
        }

        var builder = new UriBuilder(Endpoint);
        builder.Path = builder.Path.TrimEnd('/') + "/" + path;
        return builder.Uri;
    }

    private static OtlpExportProtocol ProtocolOf(string? text) => text?.Trim() switch
    {
        null or "" or "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
        "grpc" => OtlpExportProtocol.Grpc,
        _ => throw new CliException(ExitCodes.UsageError, $"{ProtocolVariable}: '{text}' is not supported; use http/protobuf (the default) or grpc"),
    };

    private static int Milliseconds(Func<string, string?> variable, string name, int fallback)
    {
        var text = variable(name);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            throw new CliException(ExitCodes.UsageError, $"{name}: '{text}' is not a number of milliseconds above 0");
        }

        return value;
    }
}
