using System.Globalization;
using Diagnose.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace Diagnose.EndToEnd.Tests.Otlp;

/// <summary>
/// <c>diagnose watch PID --otlp URL</c> on an attached Sample target: what the probes record reaches a real local
/// OTLP/HTTP collector (<see cref="OtlpReceiver"/>, which decodes the protobuf bodies), as metrics of the right kind
/// and as log records, under the target process's resource; what is buffered is sent when the watch ends.
/// </summary>
[TestFixture(TargetRuntime.Net10)]
[TestFixture(TargetRuntime.Net8)]
public sealed class WatchOtlpTests(TargetRuntime runtime)
{
    private const string Submit = "Sample.Checkout.Submit";
    private const string RegionTag = "new { region = order.Customer.Region }";

    /// <summary>Exports every 200 ms (metrics) and 100 ms (log batches), so that the tests do not wait long.</summary>
    private static readonly Dictionary<string, string> Soon = new() { ["OTEL_METRIC_EXPORT_INTERVAL"] = "200", ["OTEL_BLRP_SCHEDULE_DELAY"] = "100" };

    /// <summary>Exports only when the watch ends: nothing is sent on a schedule within a test's time.</summary>
    private static readonly Dictionary<string, string> OnlyAtTheEnd = new() { ["OTEL_METRIC_EXPORT_INTERVAL"] = "3600000", ["OTEL_BLRP_SCHEDULE_DELAY"] = "3600000" };

    [Test]
    public void IncrHistAndGaugeValuesArriveAsASumAHistogramAndAGaugeWithTheProbesTagsUnderTheProcesssResource()
    {
        using var app = Attached();
        using var collector = new OtlpReceiver();
        using var watch = Watch(app, Soon, "--otlp", collector.Url);
        Add(app, "--type", "incr", "--name", "orders", "--tags", RegionTag, "--id", "count");
        Add(app, "--type", "hist", "--name", "order.total", "--value", "order.Total", "--tags", RegionTag, "--id", "total");
        Add(app, "--type", "gauge", "--name", "order.last", "--value", "order.Total", "--id", "last");

        Assert.That(app.Send("submit 1 bob eu 12.5").Result, Is.EqualTo("= 12.5"));

        // Exports are cumulative: a collection that falls between the SDK making a point and adding the value to it
        // sends the point empty once (seen: "orders sum 0"); the next export has the value, and every later one.
        var sum = collector.WaitForMetric(p => p.Name == "orders" && p.Value == 1.0);
        var histogram = collector.WaitForMetric(p => p.Name == "order.total" && p.Count == 1);
        var gauge = collector.WaitForMetric(p => p.Name == "order.last" && p.Value == 12.5);
        Assert.That((sum.Kind, sum.Monotonic, sum.Attributes["region"]), Is.EqualTo(("sum", true, (object)"eu")), collector.ToString());
        Assert.That((histogram.Kind, histogram.Value, histogram.Attributes["region"]), Is.EqualTo(("histogram", 12.5, (object)"eu")), collector.ToString());
        Assert.That((gauge.Kind, gauge.Attributes.All.Count), Is.EqualTo(("gauge", 0)), collector.ToString());
        Assert.That(collector.Points.Where(p => p.Name == "orders").Select(p => p.Value).Distinct(), Is.SubsetOf(new[] { 0.0, 1.0 }), "one call: the sum is never above 1");
        foreach (var point in new[] { sum, histogram, gauge })
        {
            AssertResourceIsTheTargets(point.Resource, app);
            Assert.That(point.Scope, Is.EqualTo("Diagnose.Probes"));
        }

        Assert.That(watch.WaitForOutput(l => l.Contains("incr orders", StringComparison.Ordinal)), Does.EndWith("incr orders = 1 [region:eu]"), "the watch prints as well");
    }

    [Test]
    public void LogLinesArriveWithTheirTextAsBodyAndTheProbeIdInstrumentNameAndTagsAsAttributes()
    {
        using var app = Attached();
        using var collector = new OtlpReceiver();
        using var watch = Watch(app, Soon, "--otlp", collector.Url);
        Add(app, "--value", "order.Total", "--name", "checkout", "--tags", RegionTag, "--id", "checkout-log");

        Assert.That(app.Send("submit 2 ann us 7.25").ProbeLines, Is.EqualTo(new[] { "Probe (checkout)[tags=[region:us]] = 7.25" }));

        var log = collector.WaitForLog(l => Equals(l.Attributes["diagnose.instrument.name"], "checkout"));
        Assert.That(log.Body, Is.EqualTo("7.25"), collector.ToString());
        Assert.That(log.Severity, Is.EqualTo("Information"));
        Assert.That(log.Attributes.All, Is.EquivalentTo(new Dictionary<string, object?>
        {
            ["diagnose.probe.id"] = "checkout-log",
            ["diagnose.instrument.name"] = "checkout",
            ["region"] = "us",
        }));
        Assert.That(log.Scope, Is.EqualTo("Diagnose.Probes"));
        AssertResourceIsTheTargets(log.Resource, app);
    }

    [Test]
    public void WhatIsBufferedIsSentWhenTheWatchIsStopped()
    {
        using var app = Attached();
        using var collector = new OtlpReceiver();
        using var watch = Watch(app, OnlyAtTheEnd, "--otlp", collector.Url);
        Add(app, "--type", "incr", "--id", "count"); // both instruments are named after the target
        Add(app, "--value", "order.Id", "--id", "ids");
        app.Send("submit 41 bob eu 1");
        watch.WaitForOutput(l => l.EndsWith($"Probe ({Submit})[tags=[]] = 41", StringComparison.Ordinal));
        watch.WaitForOutput(l => l.Contains($"incr {Submit} = 1", StringComparison.Ordinal));

        Assert.That(watch.Stop(), Is.EqualTo(0), watch.ToString());

        Assert.That(collector.WaitForLog(l => l.Body == "41").Attributes["diagnose.probe.id"], Is.EqualTo("ids"), "the incr probe of the same name writes no lines: " + collector);
        Assert.That(collector.WaitForMetric(p => p.Name == Submit && p.Value == 1.0).Kind, Is.EqualTo("sum"), collector.ToString());
    }

    [Test]
    public void WhatIsBufferedIsSentWhenTheProcessEnds()
    {
        using var app = Attached();
        using var collector = new OtlpReceiver();
        using var watch = Watch(app, OnlyAtTheEnd, "--otlp", collector.Url);
        Add(app, "--value", "order.Id", "--name", "ids", "--id", "ids");
        app.Send("submit 42 bob eu 1");
        watch.WaitForOutput(l => l.EndsWith("Probe (ids)[tags=[]] = 42", StringComparison.Ordinal));

        app.Exit();

        Assert.That(watch.WaitForExit(), Is.EqualTo(3), watch.ToString());
        Assert.That(collector.WaitForLog(l => l.Body == "42").Resource["process.pid"], Is.EqualTo((long)app.Pid), collector.ToString());
    }

    internal static void AssertResourceIsTheTargets(Attributes resource, TargetApp app)
    {
        Assert.That(resource["service.name"], Is.EqualTo("Sample"), resource.ToString());
        Assert.That(resource["process.pid"], Is.EqualTo((long)app.Pid), resource.ToString());
        Assert.That(resource["host.name"], Is.EqualTo(Environment.MachineName), resource.ToString());
        Assert.That(resource["service.instance.id"], Is.EqualTo($"{Environment.MachineName}:{app.Pid}"), resource.ToString());
    }

    internal static BackgroundTool Watch(TargetApp app, IReadOnlyDictionary<string, string> environment, params string[] options)
    {
        var watch = BackgroundTool.Start(environment, ["watch", Pid(app), .. options]);
        watch.WaitForError(l => l.StartsWith($"watching process {app.Pid}", StringComparison.Ordinal));
        return watch;
    }

    internal static void Add(TargetApp app, params string[] options)
    {
        var add = ToolRun.Of(["probe", "add", Pid(app), Submit, .. options]);
        Assert.That(add.ExitCode, Is.EqualTo(0), add.ToString());
    }

    private static string Pid(TargetApp app) => app.Pid.ToString(CultureInfo.InvariantCulture);

    private TargetApp Attached()
    {
        var app = TargetApp.Start(runtime, StartMode.Attached);
        Assert.That(app.Attach!.ExitCode, Is.EqualTo(0), app.Attach.ToString());
        return app;
    }
}
