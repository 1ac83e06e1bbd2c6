using System.Text.Json;
using Diagnose.Cli.Channel;
using Diagnose.Cli.Watching;
using NUnit.Framework;

namespace Diagnose.Tests.Cli;

/// <summary>What <c>diagnose watch</c> shows: log lines as the target prints them, metrics, spec changes, errors.</summary>
public sealed class WatchRendererTests
{
    private static readonly DateTimeOffset Time = new(2026, 11, 22, 10, 0, 1, 250, TimeSpan.Zero);

    [Test]
    public void TextReadsLikeTheTargetsOwnLines()
    {
        var lines = Render(json: false,
            new ProbeLogLine(Time, "checkout.total", "110.99", ["region:eu", "vip:True"]),
            new ProbeMetricValue(Time, "incr", "orders", 1, ["region:eu"]),
            new SpecAppliedReport(Time, "channel", "a", "A.B.M", "error", "'A.B' does not have a method 'M'"),
            new AgentErrorReport(Time, "instrument 'x': boom"));

        Assert.That(lines, Is.EqualTo(new[]
        {
            "10:00:01.250 Probe (checkout.total)[tags=[region:eu, vip:True]] = 110.99",
            "10:00:01.250 incr orders = 1 [region:eu]",
            "10:00:01.250 spec a on A.B.M: error: 'A.B' does not have a method 'M'",
            "10:00:01.250 agent: instrument 'x': boom",
        }));
    }

    [Test]
    public void JsonIsOneObjectPerLineWithTheFieldsAsProperties()
    {
        var lines = Render(json: true,
            new ProbeLogLine(Time, "n", "\"quoted\"", ["k:v"]),
            new ProbeMetricValue(Time, "hist", "t", 0.25, []));

        Assert.That(lines, Has.Length.EqualTo(2));
        using var log = JsonDocument.Parse(lines[0]);
        var properties = log.RootElement.GetProperty("Properties");
        Assert.That(log.RootElement.GetProperty("RenderedMessage").GetString(), Is.EqualTo("Probe (n)[tags=[k:v]] = \"quoted\""));
        Assert.That(properties.GetProperty("Kind").GetString(), Is.EqualTo("log"));
        Assert.That(properties.GetProperty("Value").GetString(), Is.EqualTo("\"quoted\""));
        Assert.That(properties.GetProperty("Tags")[0].GetString(), Is.EqualTo("k:v"));
        Assert.That(properties.GetProperty("Pid").GetInt32(), Is.EqualTo(42));
        using var metric = JsonDocument.Parse(lines[1]);
        Assert.That(metric.RootElement.GetProperty("Properties").GetProperty("Value").GetDouble(), Is.EqualTo(0.25));
    }

    [Test]
    public void AnOutFileGetsTheLines()
    {
        var directory = Directory.CreateTempSubdirectory("diagnose-watch-");
        try
        {
            var file = Path.Combine(directory.FullName, "probes.log");
            using (var renderer = WatchRenderer.Create(42, file, json: false))
            {
                renderer.Render(new ProbeLogLine(Time, "n", "5", []));
            }

            var written = Directory.GetFiles(directory.FullName).Single();
            Assert.That(Path.GetFileName(written), Does.StartWith("probes").And.EndWith(".log"));
            Assert.That(File.ReadAllText(written), Does.EndWith("Probe (n)[tags=[]] = 5" + Environment.NewLine));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static string[] Render(bool json, params ChannelEvent[] events)
    {
        var output = new StringWriter();
        using (var renderer = WatchRenderer.Create(42, outFile: null, json, output))
        {
            foreach (var channelEvent in events)
            {
                renderer.Render(channelEvent);
            }
        }

        return output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
    }
}
