using System.CommandLine;

namespace Diagnose.Cli.Otlp;

/// <summary>The <c>--otlp [URL]</c> option of <c>watch</c> and <c>sidecar</c>.</summary>
internal static class OtlpOption
{
    public static Option<string?> Create() => new("--otlp")
    {
        Description = $"Also export metric values and log lines over OTLP to this collector (e.g. http://localhost:4318); without a URL, {OtlpSettings.EndpointVariable} or the OTLP default. OTEL_EXPORTER_OTLP_PROTOCOL (http/protobuf, grpc), _HEADERS, OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES, OTEL_METRIC_EXPORT_INTERVAL and OTEL_BLRP_SCHEDULE_DELAY are honoured",
        Arity = ArgumentArity.ZeroOrOne,
        HelpName = "url",
    };

    /// <summary>The settings when the option was given, else null.</summary>
    /// <exception cref="CliException">Exit code 2: see <see cref="OtlpSettings.From"/>.</exception>
    public static OtlpSettings? SettingsOf(ParseResult result, Option<string?> option) =>
        result.GetResult(option) is null ? null : OtlpSettings.From(result.GetValue(option) ?? string.Empty, Environment.GetEnvironmentVariable);
}
