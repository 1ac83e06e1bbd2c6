using System.Text.Json;
using System.Text.Json.Nodes;
using Diagnose.Protocol.Specs;
using Diagnose.Tests.Protocol.Support;
using NUnit.Framework;

namespace Diagnose.Tests.Protocol.Specs;

/// <summary>Specs read from JSON are written back as they were: keys, order, numbers, texts, unknown keys.</summary>
public sealed class SpecRoundTripTests
{
    [Test]
    public void ACompactDocumentIsWrittenBackByteForByte()
    {
        var specs = SpecSet.Parse(SpecSamples.Compact);

        Assert.That(specs.Errors, Is.Empty);
        Assert.That(specs.ToJson(indented: false), Is.EqualTo(SpecSamples.Compact));
    }

    [Test]
    public void AnIndentedDocumentMeansTheSameAfterARoundTrip()
    {
        var written = SpecSet.Parse(SpecSamples.Readme).ToJson();

        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(written), JsonNode.Parse(SpecSamples.Readme)), Is.True, written);
        Assert.That(written, Does.Contain("\n  \"instr-1\": {\n    \"target\""), "indented");
    }

    [Test]
    public void IdsKeepTheirDocumentOrder()
    {
        var json = $$"""{"zeta": {{SpecSamples.Body("Z.A.M")}}, "alpha": {{SpecSamples.Body("A.B.M")}}, "mid": {{SpecSamples.Body("M.C.M")}}}""";

        var specs = SpecSet.Parse(json);

        Assert.That(specs.Select(spec => spec.Id), Is.EqualTo(new[] { "zeta", "alpha", "mid" }));
        Assert.That(Keys(JsonNode.Parse(specs.ToJson())!), Is.EqualTo(new[] { "zeta", "alpha", "mid" }));
    }

    [Test]
    public void KeysInsideASpecKeepTheirOrderEvenWhenUnusual()
    {
        const string json = """
            {"s": {"applied": {}, "lastmodified": "2026-11-22T10:00:00Z", "x-owner": "ops", "lifespan": 1,
                   "instrument": {"custom": {}, "value": "result", "name": "n", "type": "log"}, "target": "A.B.M"}}
            """;

        var written = JsonNode.Parse(SpecSet.Parse(json).ToJson())!["s"]!;

        Assert.That(Keys(written), Is.EqualTo(new[] { "applied", "lastmodified", "x-owner", "lifespan", "instrument", "target" }));
        Assert.That(Keys(written["instrument"]!), Is.EqualTo(new[] { "custom", "value", "name", "type" }));
    }

    [Test]
    public void UnknownKeysAreKeptAtEveryLevel()
    {
        var written = JsonNode.Parse(SpecSet.Parse(SpecSamples.Compact).ToJson())!;

        Assert.That((string?)written["instr-1"]!["note"], Is.EqualTo("ticket OPS-17"));
        Assert.That((string?)written["instr-1"]!["instrument"]!["custom"]!["owner"], Is.EqualTo("billing-team"));
        Assert.That((double?)written["instr-2"]!["instrument"]!["sample"], Is.EqualTo(0.25));
        Assert.That((int?)written["instr-3"]!["applied"]!["web-2:99"]!["seen"], Is.EqualTo(3));
    }

    [Test]
    public void TheTypedViewReadsEveryField()
    {
        var specs = SpecSet.Parse(SpecSamples.Compact);
        var total = specs["instr-1"];
        var place = specs["instr-2"];
        var cache = specs["instr-3"];

        Assert.That(total.Target, Is.EqualTo("MyApp.Billing.Invoice.Total"));
        Assert.That(total.Instrument.Type, Is.EqualTo("log"));
        Assert.That(total.Instrument.Name, Is.EqualTo("myapp.total"));
        Assert.That(total.Instrument.Value, Is.EqualTo("result"));
        Assert.That(total.Instrument.Event, Is.EqualTo("return"));
        Assert.That(total.Instrument.Tags, Is.EqualTo("new { customer = this.CustomerId }"));
        Assert.That(total.Instrument.Condition, Is.EqualTo("result > 1000"));
        Assert.That(total.Instrument.Custom.GetProperty("owner").GetString(), Is.EqualTo("billing-team"));
        Assert.That(total.Lifespan, Is.EqualTo(10));
        Assert.That(total.LastModified, Is.EqualTo(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero)));
        Assert.That(total.Applied["web-1:4242"], Is.EqualTo(new AppliedEntry("2026-11-22T10:00:00Z", null)));
        Assert.That(place.Instrument.Event, Is.EqualTo("call"));
        Assert.That(place.Instrument.Tags, Is.Null);
        Assert.That(place.Lifespan, Is.EqualTo(2.5));
        Assert.That(cache.Lifespan, Is.Null);
        Assert.That(cache.Expires, Is.Null);
        Assert.That(cache.Instrument.Tags, Is.EqualTo("[\"region:eu\", \"cache:\" + key]"));
        Assert.That(cache.Applied["web-1:4242"].Error, Is.EqualTo("Error: type 'MyApp.Cache`1' was not found"));
        Assert.That(specs.All(spec => spec.IsValid), Is.True);
    }

    [Test]
    public void ASpecMadeInCodeIsWrittenWithDiagnosesKeysInDiagnosesOrder()
    {
        var spec = new Spec(
            "instr-1",
            "MyApp.Billing.Invoice.Total",
            new InstrumentSpec("log", "myapp.total", "result"),
            new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero),
            lifespan: 10);

        Assert.That(
            spec.ToJson(indented: false),
            Is.EqualTo("""{"target":"MyApp.Billing.Invoice.Total","instrument":{"type":"log","name":"myapp.total","value":"result","event":"return","custom":{}},"lifespan":10,"lastmodified":"2026-11-22T10:00:00Z","applied":{}}"""));
    }

    [Test]
    public void ASpecMadeInCodeWithCustomDataReadsBackTheSame()
    {
        var custom = new JsonObject { ["tags"] = "new { region = \"eu\" }", ["condition"] = "elapsed > 0.5", ["team"] = "checkout" };
        var made = new Spec("slow", "Shop.Cart.Checkout", new InstrumentSpec("hist", "checkout.seconds", "elapsed", "return", custom), DateTimeOffset.UnixEpoch);

        var read = SpecSet.Parse(new SpecSet([made]).ToJson())["slow"];

        Assert.That(read.ToJson(), Is.EqualTo(made.ToJson()));
        Assert.That(read.Instrument.Tags, Is.EqualTo("new { region = \"eu\" }"));
        Assert.That(read.Instrument.Condition, Is.EqualTo("elapsed > 0.5"));
        Assert.That(read.Instrument.Custom.GetProperty("team").GetString(), Is.EqualTo("checkout"));
        Assert.That(read.Lifespan, Is.Null);
        Assert.That(read.ToJson(indented: false), Does.Contain("\"lifespan\":null"));
    }

    [Test]
    public void AMissingEventReadsAsReturnAndIsNotAddedToTheJson()
    {
        const string json = """{"s":{"target":"A.B.M","instrument":{"type":"log","name":"n","value":"result"},"lifespan":null}}""";

        var specs = SpecSet.Parse(json);

        Assert.That(specs["s"].Instrument.Event, Is.EqualTo("return"));
        Assert.That(specs["s"].Instrument.Custom.ValueKind, Is.EqualTo(JsonValueKind.Object));
        Assert.That(specs.ToJson(indented: false), Is.EqualTo(json));
    }

    [Test]
    public void ANullCustomReadsAsAnEmptyObjectAndStaysNullInTheJson()
    {
        const string json = """{"s":{"target":"A.B.M","instrument":{"type":"log","name":"n","value":"result","event":"call","custom":null}}}""";

        var specs = SpecSet.Parse(json);

        Assert.That(specs["s"].Instrument.Custom.EnumerateObject(), Is.Empty);
        Assert.That(specs.ToJson(indented: false), Is.EqualTo(json));
    }

    [Test]
    public void NonAsciiTextIsWrittenReadablyNotEscaped()
    {
        const string json = """{"résumé":{"target":"Café.Menu.Prix","instrument":{"type":"log","name":"prix → €","value":"result"}}}""";

        Assert.That(SpecSet.Parse(json).ToJson(indented: false), Is.EqualTo(json));
    }

    [Test]
    public void AnAppliedEntryIsAddedAtTheEndOfASpecThatHadNone()
    {
        const string json = """{"s":{"target":"A.B.M","instrument":{"type":"log","name":"n","value":"result"},"lastmodified":"2026-11-22T10:00:00"}}""";
        var specs = SpecSet.Parse(json);

        specs["s"].SetApplied("web-1:7", AppliedEntry.For(specs["s"]));

        Assert.That(
            specs.ToJson(indented: false),
            Is.EqualTo("""{"s":{"target":"A.B.M","instrument":{"type":"log","name":"n","value":"result"},"lastmodified":"2026-11-22T10:00:00","applied":{"web-1:7":{"lm":"2026-11-22T10:00:00","err":null}}}}"""));
    }

    private static IEnumerable<string> Keys(JsonNode node) => node.AsObject().Select(pair => pair.Key);
}
