using System.Text;
using Diagnose.Protocol.Channel;
using Diagnose.Protocol.Specs;
using NUnit.Framework;

namespace Diagnose.Tests.Channel;

/// <summary>Commands as JSON: each op round-trips; messages that are not commands are refused with a reason.</summary>
public sealed class ChannelCommandTests
{
    private const string Specs = """{"a": {"target": "A.B.M", "instrument": {"type": "log", "name": "n", "value": "result"}}, "bad": {"target": "A.B.M"}}""";

    [Test]
    public void SetKeepsEverySpecValidOrNot()
    {
        var command = RoundTrip(ChannelCommand.Set(SpecSet.Parse(Specs)));

        Assert.That(command.Op, Is.EqualTo("set"));
        Assert.That(command.Specs!.Select(s => s.Id), Is.EqualTo(new[] { "a", "bad" }));
        Assert.That(command.Specs!["bad"].Error, Is.EqualTo("spec 'bad': 'instrument' is missing"));
    }

    [Test]
    public void TheOtherOpsRoundTrip()
    {
        Assert.That(RoundTrip(ChannelCommand.Replace(SpecSet.Empty)).Specs, Is.Empty);
        Assert.That(RoundTrip(ChannelCommand.Replace(SpecSet.Empty)).Tags, Is.Null);
        Assert.That(RoundTrip(ChannelCommand.Replace(SpecSet.Empty, ["env:prod", "team:pay"])).Tags, Is.EqualTo(new[] { "env:prod", "team:pay" }));
        Assert.That(RoundTrip(ChannelCommand.Replace(SpecSet.Empty, [])).Tags, Is.Empty, "an empty list is sent: the store's settings have no tags");
        Assert.That(RoundTrip(ChannelCommand.Remove(["a", "b"])).Ids, Is.EqualTo(new[] { "a", "b" }));
        Assert.That(RoundTrip(ChannelCommand.UsePath("/etc/specs")).Path, Is.EqualTo("/etc/specs"));
        Assert.That(RoundTrip(ChannelCommand.List()).Op, Is.EqualTo("list"));
        Assert.That(RoundTrip(ChannelCommand.Hello()).Op, Is.EqualTo("hello"));
    }

    [Test]
    public void TheJsonIsCompactAndNamesOnlyWhatTheOpUses()
    {
        Assert.That(Encoding.UTF8.GetString(ChannelCommand.Remove(["x"]).ToUtf8()), Is.EqualTo("""{"op":"remove","ids":["x"]}"""));
        Assert.That(Encoding.UTF8.GetString(ChannelCommand.Hello().ToUtf8()), Is.EqualTo("""{"op":"hello"}"""));
    }

    [Test]
    public void FieldsAReaderDoesNotKnowAreIgnored()
    {
        var command = ChannelCommand.Parse("""{"op": "list", "since": 12, "filter": {"x": 1}}"""u8.ToArray(), out var error);

        Assert.That(error, Is.Null);
        Assert.That(command!.Op, Is.EqualTo("list"));
    }

    [TestCase("not json", "the command is not valid JSON: ")]
    [TestCase("[1]", "the command must be a JSON object, got an array")]
    [TestCase("{}", "the command has no 'op'")]
    [TestCase("""{"op": 3}""", "the command has no 'op'")]
    [TestCase("""{"op": "remove", "ids": "a"}""", "'ids' must be an array of strings")]
    [TestCase("""{"op": "remove", "ids": ["a", 1]}""", "'ids' must be an array of strings")]
    [TestCase("""{"op": "replace", "specs": {}, "tags": {"env": "prod"}}""", "'tags' must be an array of strings")]
    [TestCase("""{"op": "use-path", "path": 1}""", "'path' must be a string")]
    public void WhatIsNotACommandIsRefusedWithTheReason(string json, string reason)
    {
        Assert.That(ChannelCommand.Parse(Encoding.UTF8.GetBytes(json), out var error), Is.Null);
        Assert.That(error, Does.StartWith(reason));
    }

    [Test]
    public void SpecsThatAreNotAnObjectAreKeptAsADocumentError()
    {
        var command = ChannelCommand.Parse("""{"op": "set", "specs": [1, 2]}"""u8.ToArray(), out _);

        Assert.That(command!.Specs!.DocumentErrors, Is.EqualTo(new[] { "the command's specs must be a JSON object of id → spec, got an array" }));
    }

    private static ChannelCommand RoundTrip(ChannelCommand command)
    {
        var read = ChannelCommand.Parse(command.ToUtf8(), out var error);
        Assert.That(error, Is.Null);
        return read!;
    }
}
