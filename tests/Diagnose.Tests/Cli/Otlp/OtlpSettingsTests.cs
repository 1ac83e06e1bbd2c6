using Diagnose.Cli;
using Diagnose.Cli.Otlp;
using NUnit.Framework;
using OpenTelemetry.Exporter;

namespace Diagnose.Tests.Cli.Otlp;

/// <summary>--otlp's value and the OTEL_* variables, read without a process: endpoints, protocol, intervals, errors.</summary>
public sealed class OtlpSettingsTests
{
    [TestCase("http://collector:4318", "http://collector:4318/v1/metrics", "http://collector:4318/v1/logs")]
    [TestCase("http://collector:4318/", "http://collector:4318/v1/metrics", "http://collector:4318/v1/logs")]
    [TestCase("https://otel.example/ingest/otlp", "https://otel.example/ingest/otlp/v1/metrics", "https://otel.example/ingest/otlp/v1/logs")]
    public void OtlpOverHttpAddsTheSignalPathsToTheBaseUrlsPath(string url, string metrics, string logs)
    {
        var settings = OtlpSettings.From(url, None);

        Assert.That(settings.Protocol, Is.EqualTo(OtlpExportProtocol.HttpProtobuf));
        Assert.That(settings.MetricsEndpoint.ToString(), Is.EqualTo(metrics));
        Assert.That(settings.LogsEndpoint.ToString(), Is.EqualTo(logs));
    }

    [Test]
    public void GrpcUsesTheUrlAsItIs()
    {
        var settings = OtlpSettings.From("http://collector:4317", Variables(("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")));

        Assert.That(settings.Protocol, Is.EqualTo(OtlpExportProtocol.Grpc));
        Assert.That(settings.MetricsEndpoint, Is.EqualTo(new Uri("http://collector:4317")));
        Assert.That(settings.Describe(), Is.EqualTo("http://collector:4317 (grpc)"));
    }

    [Test]
    public void WithoutAValueTheEndpointVariableIsTakenAndWithoutThatTheOtlpDefault()
    {
        Assert.That(OtlpSettings.From(string.Empty, Variables(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://elsewhere:9999"))).Endpoint, Is.EqualTo(new Uri("http://elsewhere:9999")));
        Assert.That(OtlpSettings.From(string.Empty, None).Endpoint, Is.EqualTo(new Uri("http://localhost:4318")));
        Assert.That(OtlpSettings.From(string.Empty, Variables(("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"))).Endpoint, Is.EqualTo(new Uri("http://localhost:4317")));
        Assert.That(OtlpSettings.From("http://given:1", Variables(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://elsewhere:9999"))).Endpoint, Is.EqualTo(new Uri("http://given:1")), "the option wins");
    }

    [Test]
    public void TheIntervalsAndHeadersComeFromTheirVariables()
    {
        var settings = OtlpSettings.From("http://c:4318", Variables(("OTEL_METRIC_EXPORT_INTERVAL", "250"), ("OTEL_BLRP_SCHEDULE_DELAY", "50"), ("OTEL_EXPORTER_OTLP_HEADERS", "a=1,b=2")));
        var defaults = OtlpSettings.From("http://c:4318", None);

        Assert.That((settings.MetricIntervalMs, settings.LogDelayMs, settings.Headers), Is.EqualTo((250, 50, "a=1,b=2")));
        Assert.That((defaults.MetricIntervalMs, defaults.LogDelayMs, defaults.Headers), Is.EqualTo((60000, 1000, (string?)null)));
        Assert.That(settings.ExporterOptions(settings.LogsEndpoint).Headers, Is.EqualTo("a=1,b=2"));
    }

    [TestCase("collector:4318", "--otlp: 'collector:4318' is not an http:// or https:// URL of an OTLP collector")]
    [TestCase("not a url", "--otlp: 'not a url' is not an http:// or https:// URL")]
    [TestCase("http://c:4318/?api-key=secret", "--otlp: 'http://c:4318/…' has a query or fragment; give the collector's base URL")]
    [TestCase("https://ops:secret@c:4318", "--otlp: the URL has a user name or password; give credentials as headers instead, in OTEL_EXPORTER_OTLP_HEADERS")]
    public void ABadUrlIsAUsageError(string url, string message)
    {
        var error = Assert.Throws<CliException>(() => OtlpSettings.From(url, None))!;

        Assert.That(error.ExitCode, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(error.Message, Does.StartWith(message));
        Assert.That(error.Message, Does.Not.Contain("secret"));
    }

    [TestCase("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json", "OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' is not supported; use http/protobuf (the default) or grpc")]
    [TestCase("OTEL_METRIC_EXPORT_INTERVAL", "soon", "OTEL_METRIC_EXPORT_INTERVAL: 'soon' is not a number of milliseconds above 0")]
    [TestCase("OTEL_BLRP_SCHEDULE_DELAY", "0", "OTEL_BLRP_SCHEDULE_DELAY: '0' is not a number of milliseconds above 0")]
    [TestCase("OTEL_EXPORTER_OTLP_HEADERS", "token-without-key", "OTEL_EXPORTER_OTLP_HEADERS is not a list of key=value pairs separated by commas (e.g. api-key=…,tenant=…)")]
    public void ABadVariableIsAUsageErrorThatNamesIt(string name, string value, string message)
    {
        var error = Assert.Throws<CliException>(() => OtlpSettings.From("http://c:4318", Variables((name, value))))!;

        Assert.That((error.ExitCode, error.Message), Is.EqualTo((ExitCodes.UsageError, message)));
    }

    private static string? None(string name) => null;

    private static Func<string, string?> Variables(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;
}
