using Diagnose.Cli.Channel;
using Diagnose.Protocol.Channel;
using NUnit.Framework;

namespace Diagnose.Tests.Cli;

/// <summary>The agent's events as the tool reads them, by id and field name; odd events never break a tool.</summary>
public sealed class ChannelEventReaderTests
{
    private static readonly DateTimeOffset Time = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    [Test]
    public void EachEventBecomesItsRecord()
    {
        Assert.That(Read(ChannelEvents.CommandResult, new() { ["commandId"] = "c1", ["part"] = 0, ["parts"] = 2, ["text"] = "{" }), Is.EqualTo(new ResultPart(Time, "c1", 0, 2, "{")));
        Assert.That(Read(ChannelEvents.SpecApplied, new() { ["source"] = "channel", ["specId"] = "a", ["target"] = "A.B.M", ["status"] = "error", ["reason"] = "boom" }), Is.EqualTo(new SpecAppliedReport(Time, "channel", "a", "A.B.M", "error", "boom")));
        Assert.That(Read(ChannelEvents.AgentError, new() { ["message"] = "bad" }), Is.EqualTo(new AgentErrorReport(Time, "bad")));

        var log = (ProbeLogLine)Read(ChannelEvents.ProbeLog, new() { ["name"] = "n", ["value"] = "5", ["tags"] = "[\"k:v\"]" })!;
        Assert.That((log.Name, log.Value, log.Tags.Single()), Is.EqualTo(("n", "5", "k:v")));
        var metric = (ProbeMetricValue)Read(ChannelEvents.ProbeMetric, new() { ["type"] = "hist", ["name"] = "t", ["value"] = 0.5, ["tags"] = "[]" })!;
        Assert.That((metric.Type, metric.Name, metric.Value, metric.Tags.Count), Is.EqualTo(("hist", "t", 0.5, 0)));
    }

    [Test]
    public void AnEventOfANewerAgentIsSkipped()
    {
        Assert.That(Read(99, new() { ["anything"] = 1 }), Is.Null);
    }

    [Test]
    public void MissingOrMistypedFieldsDoNotThrow()
    {
        Assert.That(Read(ChannelEvents.CommandResult, new() { ["part"] = "x" }), Is.Null);
        var log = (ProbeLogLine)Read(ChannelEvents.ProbeLog, [])!;
        Assert.That((log.Name, log.Value, log.Tags.Count), Is.EqualTo((string.Empty, string.Empty, 0)));
        Assert.That(((ResultPart)Read(ChannelEvents.CommandResult, [])!).Part, Is.EqualTo(-1));
    }

    private static ChannelEvent? Read(int id, Dictionary<string, object?> fields) =>
        ChannelEventReader.Read(id, Time, name => fields.GetValueOrDefault(name));
}
