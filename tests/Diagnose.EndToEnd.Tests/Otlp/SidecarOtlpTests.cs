using System.Text.Json.Nodes;
using Diagnose.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace Diagnose.EndToEnd.Tests.Otlp;

/// <summary>
/// <c>diagnose sidecar --store DIR --otlp URL</c> beside two targets (.NET 10 and .NET 8) that know nothing of
/// Diagnose: each one's metric values and log lines reach the collector under its own resource (process.pid,
/// service.instance.id), and what is buffered is sent when the sidecar is stopped.
/// </summary>
public sealed class SidecarOtlpTests
{
    [Test]
    public void EachProcesssValuesAndLinesArriveUnderItsOwnResource()
    {
        var marker = $"--sidecar-otlp-test-{Guid.NewGuid():N}";
        using var specs = new SpecFile()
            .Add("orders", "Sample.Checkout.Submit", "1", type: "incr", custom: new JsonObject { ["tags"] = "new { region = order.Customer.Region }" })
            .Add("ids", "Sample.Checkout.Submit", "order.Id", name: "ids")
            .Save();
        using var net10 = TargetApp.Launch(Installation.Target(TargetRuntime.Net10), [marker]);
        using var net8 = TargetApp.Launch(Installation.Target(TargetRuntime.Net8), [marker]);
        using var collector = new OtlpReceiver();
        var environment = new Dictionary<string, string> { ["OTEL_METRIC_EXPORT_INTERVAL"] = "200", ["OTEL_BLRP_SCHEDULE_DELAY"] = "100" };
        using var sidecar = BackgroundTool.Start(environment, "sidecar", "--store", Path.GetDirectoryName(specs.Path)!, "--interval", "0.5", "--match", marker, "--otlp", collector.Url);
        foreach (var app in new[] { net10, net8 })
        {
            Assert.That(specs.WaitApplied(app.Pid, "orders", TimeSpan.FromSeconds(60)), Is.Null, sidecar.ToString());
            Assert.That(specs.WaitApplied(app.Pid, "ids", TimeSpan.FromSeconds(60)), Is.Null, sidecar.ToString());
        }

        // The sidecar's channel session on a process starts in the round that found Diagnose ready; the lines of
        // calls made before it are not streamed, so each target is called until its line arrives.
        foreach (var (app, id) in new[] { (net10, 10), (net8, 8) })
        {
            var log = WaitWhileCalling(app, $"submit {id} ann {(id == 10 ? "eu" : "us")} 1", () => collector.Logs.FirstOrDefault(l => l.Body == id.ToString()));
            Assert.That(log, Is.Not.Null, collector.ToString());
            Assert.That(log!.Attributes["diagnose.probe.id"], Is.EqualTo("ids"));
            Assert.That(log.Attributes["diagnose.instrument.name"], Is.EqualTo("ids"));
            WatchOtlpTests.AssertResourceIsTheTargets(log.Resource, app);
        }

        var sum10 = collector.WaitForMetric(p => p.Name == "orders" && Equals(p.Resource["process.pid"], (long)net10.Pid));
        var sum8 = collector.WaitForMetric(p => p.Name == "orders" && Equals(p.Resource["process.pid"], (long)net8.Pid));
        Assert.That((sum10.Kind, sum10.Attributes["region"]), Is.EqualTo(("sum", (object)"eu")), collector.ToString());
        Assert.That((sum8.Kind, sum8.Attributes["region"]), Is.EqualTo(("sum", (object)"us")), collector.ToString());
        WatchOtlpTests.AssertResourceIsTheTargets(sum10.Resource, net10);
        WatchOtlpTests.AssertResourceIsTheTargets(sum8.Resource, net8);
        var seen = collector.Points.Where(p => p.Name == "orders").Select(p => $"{p.Resource["process.pid"]} {p.Attributes["region"]}").Distinct();
        Assert.That(seen, Is.EquivalentTo(new[] { $"{net10.Pid} eu", $"{net8.Pid} us" }), "no process's values under another's resource");
        Assert.That(sidecar.Stop(), Is.EqualTo(0), sidecar.ToString());
        Assert.That(sidecar.Output, Has.Some.Contains($"sidecar: exporting metric values and log lines to {collector.Url} (http/protobuf)"));
    }

    /// <summary>Calls the target (every 300 ms) until <paramref name="arrived"/> finds something, for up to 60 s.</summary>
    private static T? WaitWhileCalling<T>(TargetApp app, string command, Func<T?> arrived)
        where T : class
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        T? found;
        while ((found = arrived()) is null && DateTime.UtcNow < deadline)
        {
            app.Send(command);
            Thread.Sleep(300);
        }

        return found;
    }
}
