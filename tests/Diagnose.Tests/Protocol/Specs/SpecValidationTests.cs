using System.Text.Json.Nodes;
using Diagnose.Protocol.Specs;
using NUnit.Framework;

namespace Diagnose.Tests.Protocol.Specs;

/// <summary>Every problem with a spec gets a message naming the spec and the field.</summary>
public sealed class SpecValidationTests
{
    private const string Valid = """
        {"target": "MyApp.Billing.Invoice.Total",
         "instrument": {"type": "log", "name": "myapp.total", "value": "result", "event": "return",
                        "custom": {"tags": "new { a = 1 }", "condition": "result > 0"}},
         "lifespan": 10, "lastmodified": "2026-11-22T10:00:00Z", "applied": {}}
        """;

    private static IEnumerable<TestCaseData> Problems()
    {
        yield return Case("TheTypeIsMissing", "instrument.type", null, "'instrument.type' is missing");
        yield return Case("TheLifespanIsText", "lifespan", "\"ten\"", "'lifespan' must be a number of minutes, got \"ten\"");
        yield return Case("TheLifespanIsABoolean", "lifespan", "true", "'lifespan' must be a number of minutes, got true");
        yield return Case("TheLifespanIsBeyondADouble", "lifespan", "1e400", "'lifespan' must be a number of minutes, got 1e400");
        yield return Case("TheEventIsUnknown", "instrument.event", "\"exit\"", "'instrument.event' must be one of call, return, end, got \"exit\"");
        yield return Case("TheEventHasTheWrongCase", "instrument.event", "\"Return\"", "'instrument.event' must be one of call, return, end, got \"Return\"");
        yield return Case("TheEventIsNull", "instrument.event", "null", "'instrument.event' must be one of call, return, end, got null");
        yield return Case("TheTargetIsMissing", "target", null, "'target' is missing");
        yield return Case("TheTargetIsANumber", "target", "12", "'target' must be a string, got 12");
        yield return Case("TheTargetIsNull", "target", "null", "'target' must be a string, got null");
        yield return Case("TheTargetIsBlank", "target", "\"  \"", "'target' must not be empty");
        yield return Case("TheInstrumentIsMissing", "instrument", null, "'instrument' is missing");
        yield return Case("TheInstrumentIsText", "instrument", "\"log\"", "'instrument' must be a JSON object, got \"log\"");
        yield return Case("TheNameIsMissing", "instrument.name", null, "'instrument.name' is missing");
        yield return Case("TheValueIsANumber", "instrument.value", "5", "'instrument.value' must be an expression string, got 5");
        yield return Case("TheValueIsEmpty", "instrument.value", "\"\"", "'instrument.value' must not be empty");
        yield return Case("TheCustomIsAnArray", "instrument.custom", "[1]", "'instrument.custom' must be a JSON object, got an array");
        yield return Case("TheTagsAreAnObject", "instrument.custom.tags", "{\"a\": 1}", "'instrument.custom.tags' must be an expression string, got an object");
        yield return Case("TheConditionIsABoolean", "instrument.custom.condition", "true", "'instrument.custom.condition' must be an expression string, got true");
        yield return Case("TheInstrumentSetsItsOwnExpiry", "instrument.expires", "\"2026-11-22T11:00:00Z\"", "'instrument.expires' is not allowed: the expiry comes from 'lastmodified' + 'lifespan'");
        yield return Case("TheTimestampIsNotOne", "lastmodified", "\"yesterday\"", "'lastmodified' must be an ISO-8601 UTC timestamp like \"2026-11-22T10:00:00Z\", got \"yesterday\"");
        yield return Case("TheTimestampIsANumber", "lastmodified", "1795341600", "'lastmodified' must be an ISO-8601 UTC timestamp like \"2026-11-22T10:00:00Z\", got 1795341600");
        yield return Case("TheTimestampIsMissingThoughALifespanCountsFromIt", "lastmodified", null, "'lastmodified' is missing; 'lifespan' counts from it");
        yield return Case("AppliedIsAnArray", "applied", "[]", "'applied' must be a JSON object of process → {\"lm\", \"err\"}, got an array");
    }

    [TestCaseSource(nameof(Problems))]
    public void AProblemIsNamedWithTheSpecAndTheField(string field, string? json, string expected)
    {
        var spec = Read(field, json);

        Assert.That(spec.Error, Is.EqualTo($"spec 'instr-1': {expected}"));
        Assert.That(spec.IsValid, Is.False);
    }

    [Test]
    public void TheUnchangedSampleIsValid()
    {
        var spec = SpecSet.Parse($$"""{"instr-1": {{Valid}}}""")["instr-1"];

        Assert.That(spec.Error, Is.Null);
        Assert.That(spec.IsValid, Is.True);
    }

    [Test]
    public void EveryProblemOfASpecIsInItsOneMessage()
    {
        const string json = """{"instr-1": {"target": "A.B.M", "instrument": {"name": "n", "value": "v", "event": "exit"}, "lifespan": "ten"}}""";

        var spec = SpecSet.Parse(json)["instr-1"];

        Assert.That(
            spec.Error,
            Is.EqualTo("spec 'instr-1': 'instrument.type' is missing; 'instrument.event' must be one of call, return, end, got \"exit\"; 'lifespan' must be a number of minutes, got \"ten\""));
    }

    [Test]
    public void ASpecThatIsNotAnObjectIsNamedAsSuch()
    {
        var spec = SpecSet.Parse("""{"instr-1": ["MyApp.Billing.Invoice.Total"]}""")["instr-1"];

        Assert.That(spec.Error, Is.EqualTo("spec 'instr-1' must be a JSON object, got an array"));
    }

    [Test]
    public void ALongValueIsCutInTheMessage()
    {
        var spec = Read("lifespan", $"\"{new string('9', 200)}\"");

        Assert.That(spec.Error, Does.EndWith($"got \"{new string('9', 57)}...\""));
    }

    [TestCase("null")]
    [TestCase("\"\"")]
    public void EmptyTagsOrConditionMeanNone(string json)
    {
        var tags = Read("instrument.custom.tags", json);
        var condition = Read("instrument.custom.condition", json);

        Assert.That(tags.Error, Is.Null);
        Assert.That(tags.Instrument.Tags, Is.Null);
        Assert.That(condition.Error, Is.Null);
        Assert.That(condition.Instrument.Condition, Is.Null);
    }

    [Test]
    public void ASpecWithoutLifespanNeedsNoTimestamp()
    {
        var spec = SpecSet.Parse("""{"s": {"target": "A.B.M", "instrument": {"type": "log", "name": "n", "value": "v"}}}""")["s"];

        Assert.That(spec.Error, Is.Null);
        Assert.That(spec.LastModified, Is.Null);
        Assert.That(spec.Expires, Is.Null);
    }

    [Test]
    public void AnInstrumentMadeInCodeIsCheckedWithTheSameWords()
    {
        var error = Assert.Throws<ArgumentException>(() => _ = new InstrumentSpec("log", "n", "result", "exit"));

        Assert.That(error!.Message, Does.StartWith("'instrument.event' must be one of call, return, end, got \"exit\""));
    }

    [Test]
    public void ACustomMadeInCodeIsCheckedToo()
    {
        var custom = new JsonObject { ["tags"] = new JsonArray("a:b") };

        var error = Assert.Throws<ArgumentException>(() => _ = new InstrumentSpec("log", "n", "result", custom: custom));

        Assert.That(error!.Message, Does.StartWith("'instrument.custom.tags' must be an expression string, got an array"));
    }

    [Test]
    public void ASpecMadeInCodeIsCheckedWithTheSameWords()
    {
        var instrument = new InstrumentSpec("log", "n", "result");

        var error = Assert.Throws<ArgumentException>(() => _ = new Spec("instr-1", "", instrument, DateTimeOffset.UnixEpoch));

        Assert.That(error!.Message, Does.StartWith("spec 'instr-1': 'target' must not be empty"));
    }

    [Test]
    public void ASpecMadeInCodeRejectsAnInfiniteLifespan()
    {
        var instrument = new InstrumentSpec("log", "n", "result");

        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new Spec("s", "A.B.M", instrument, DateTimeOffset.UnixEpoch, double.PositiveInfinity));
    }

    private static TestCaseData Case(string name, string field, string? json, string message) =>
        new TestCaseData(field, json, message).SetName($"AProblemIsNamedWhen{name}");

    /// <summary>The valid sample with <paramref name="field"/> (a dotted path) set to <paramref name="json"/>, or removed when null.</summary>
    private static Spec Read(string field, string? json)
    {
        var spec = JsonNode.Parse(Valid)!.AsObject();
        var path = field.Split('.');
        var parent = path[..^1].Aggregate(spec, (node, key) => node[key]!.AsObject());
        if (json is null)
        {
            parent.Remove(path[^1]);
        }
        else
        {
            parent[path[^1]] = JsonNode.Parse(json);
        }

        return SpecSet.Parse(new JsonObject { ["instr-1"] = spec }.ToJsonString())["instr-1"];
    }
}
