using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Diagnose.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace Diagnose.EndToEnd.Tests.Otlp;

/// <summary>
/// How <c>--otlp</c> takes the standard OTEL_* variables and bad input: headers reach the collector and are never
/// printed, <c>--otlp</c> without a URL takes OTEL_EXPORTER_OTLP_ENDPOINT, a bad URL or protocol is a usage error
/// that says what to give, and a collector that is not there is reported once while the watch goes on.
/// </summary>
public sealed class OtlpSettingsTests
{
    private const string Secret = "s3cr3t-key-0b7e";

    [Test]
    public void HeadersFromTheEnvironmentReachTheCollectorAndAreNeverPrintedAndOtlpWithoutAUrlTakesTheEndpointVariable()
    {
        using var app = Attached();
        using var collector = new OtlpReceiver();
        var environment = new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Url,
            ["OTEL_EXPORTER_OTLP_HEADERS"] = $"x-diagnose-key={Secret},x-tenant=ops",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
            ["OTEL_BLRP_SCHEDULE_DELAY"] = "100",
        };
        using var watch = WatchOtlpTests.Watch(app, environment, "--otlp");
        WatchOtlpTests.Add(app, "--type", "incr", "--name", "orders", "--id", "count");
        WatchOtlpTests.Add(app, "--value", "order.Id", "--name", "ids", "--id", "ids");

        app.Send("submit 7 bob eu 1");

        foreach (var path in new[] { "/v1/metrics", "/v1/logs" })
        {
            var request = collector.WaitForRequest(r => r.Path == path);
            Assert.That(request.Headers.GetValueOrDefault("x-diagnose-key"), Is.EqualTo(Secret), path);
            Assert.That(request.Headers.GetValueOrDefault("x-tenant"), Is.EqualTo("ops"), path);
            Assert.That(request.Error, Is.Null, path);
        }

        Assert.That(watch.Errors, Has.Some.EqualTo($"watching process {app.Pid}, exporting to {collector.Url} (http/protobuf); Ctrl-C to stop"));
        Assert.That(watch.Stop(), Is.EqualTo(0), watch.ToString());
        Assert.That(watch.ToString(), Does.Not.Contain(Secret));
    }

    [TestCase("localhost:4318")]
    [TestCase("ftp://collector:4318")]
    [TestCase("http://collector:4318/?token=1")]
    public void ABadOtlpUrlIsAUsageErrorThatSaysWhatToGive(string url)
    {
        var watch = ToolRun.Of("watch", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), "--otlp", url);
        var sidecar = ToolRun.Of("sidecar", "--store", Path.GetTempPath(), "--otlp", url);

        foreach (var run in new[] { watch, sidecar })
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
            Assert.That(run.Error, Does.StartWith("diagnose: --otlp: '").And.Contain("e.g. http://localhost:4318"), run.ToString());
        }
    }

    [Test]
    public void AnUnsupportedProtocolOrMalformedHeadersAreUsageErrorsThatNameTheVariableButNotTheHeaders()
    {
        using var protocol = BackgroundTool.Start(new Dictionary<string, string> { ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/json" }, "watch", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), "--otlp", "http://127.0.0.1:4318");
        using var headers = BackgroundTool.Start(new Dictionary<string, string> { ["OTEL_EXPORTER_OTLP_HEADERS"] = $"{Secret}-without-a-name" }, "watch", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), "--otlp", "http://127.0.0.1:4318");

        Assert.That(protocol.WaitForExit(), Is.EqualTo(2), protocol.ToString());
        Assert.That(protocol.Errors, Is.EqualTo(new[] { "diagnose: OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' is not supported; use http/protobuf (the default) or grpc" }));
        Assert.That(headers.WaitForExit(), Is.EqualTo(2), headers.ToString());
        Assert.That(headers.Errors, Is.EqualTo(new[] { "diagnose: OTEL_EXPORTER_OTLP_HEADERS is not a list of key=value pairs separated by commas (e.g. api-key=…,tenant=…)" }));
    }

    [Test]
    public void ACollectorThatIsNotThereIsReportedOnceAndTheWatchGoesOnPrinting()
    {
        using var app = Attached();
        var closed = ClosedPort();
        using var watch = WatchOtlpTests.Watch(app, new Dictionary<string, string> { ["OTEL_METRIC_EXPORT_INTERVAL"] = "200", ["OTEL_BLRP_SCHEDULE_DELAY"] = "100" }, "--otlp", $"http://127.0.0.1:{closed}");
        WatchOtlpTests.Add(app, "--value", "order.Id", "--name", "ids", "--id", "ids");

        app.Send("submit 1 bob eu 1");
        var report = watch.WaitForError(l => l.Contains("OTLP export", StringComparison.Ordinal));
        app.Send("submit 2 bob eu 1");
        watch.WaitForOutput(l => l.EndsWith("Probe (ids)[tags=[]] = 2", StringComparison.Ordinal));

        Assert.That(report, Does.StartWith($"diagnose: OTLP export to http://127.0.0.1:{closed} (http/protobuf) failed: "));
        Assert.That(report, Does.Contain("is a collector listening there (check --otlp, OTEL_EXPORTER_OTLP_ENDPOINT and OTEL_EXPORTER_OTLP_PROTOCOL)? Going on; this is reported once"));
        Assert.That(watch.Stop(), Is.EqualTo(0), watch.ToString());
        Assert.That(watch.Errors.Count(l => l.Contains("OTLP export", StringComparison.Ordinal)), Is.EqualTo(1), "the exports after the first (at least the one at the end) failed too: " + watch);
    }

    /// <summary>A local port nothing listens on (taken and given back: connections to it are refused).</summary>
    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static TargetApp Attached()
    {
        var app = TargetApp.Start(TargetRuntime.Net10, StartMode.Attached);
        Assert.That(app.Attach!.ExitCode, Is.EqualTo(0), app.Attach.ToString());
        return app;
    }
}
