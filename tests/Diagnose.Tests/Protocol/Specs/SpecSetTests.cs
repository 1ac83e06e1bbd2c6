using System.Text;
using Diagnose.Protocol.Specs;
using Diagnose.Tests.Protocol.Support;
using NUnit.Framework;

namespace Diagnose.Tests.Protocol.Specs;

/// <summary>A set of specs: one bad spec never stops the others, and a bad document says what is wrong.</summary>
public sealed class SpecSetTests
{
    [Test]
    public void ABadSpecIsKeptWithItsErrorBesideTheGoodOnes()
    {
        const string json = """
            {"good-1": {"target": "A.B.M", "instrument": {"type": "log", "name": "n", "value": "result"}},
             "bad":    {"target": "A.B.M", "instrument": {"type": "log", "name": "n", "value": "result", "event": "exit"}},
             "good-2": {"target": "A.B.N", "instrument": {"type": "incr", "name": "c", "value": "1"}}}
            """;

        var specs = SpecSet.Parse(json);

        Assert.That(specs.Select(spec => spec.Id), Is.EqualTo(new[] { "good-1", "bad", "good-2" }));
        Assert.That(specs.Valid.Select(spec => spec.Id), Is.EqualTo(new[] { "good-1", "good-2" }));
        Assert.That(specs.Errors, Is.EqualTo(new[] { "spec 'bad': 'instrument.event' must be one of call, return, end, got \"exit\"" }));
        Assert.That(specs.TryGet("bad", out var bad) && bad.Error == specs.Errors[0], Is.True);
    }

    [Test]
    public void ContentThatIsNotJsonIsNamedWithItsSourceAndPosition()
    {
        const string json = "{\n  \"instr-1\": {\n    target: 1\n  }\n}";

        var specs = SpecSet.Parse(json, "specs.json");

        Assert.That(specs, Is.Empty);
        Assert.That(specs.Errors, Has.Count.EqualTo(1));
        Assert.That(specs.Errors[0], Does.StartWith("specs.json is not valid JSON: "));
        Assert.That(specs.Errors[0], Does.EndWith("(line 3, position 5)"));
        Assert.That(specs.Errors[0], Does.Not.Contain("LineNumber"));
    }

    [TestCase("")]
    [TestCase("{\"instr-1\": {\"target\": \"A.B")]
    [TestCase("{\"a\": 1,}")]
    [TestCase("// specs\n{}")]
    public void IncompleteOrNonStandardJsonIsNotValidJson(string json)
    {
        var specs = SpecSet.Parse(json, "specs.json");

        Assert.That(specs.Errors.Single(), Does.StartWith("specs.json is not valid JSON: ").And.Match(@"\(line \d+, position \d+\)$"));
    }

    [Test]
    public void AnArrayIsNotASpecSet()
    {
        Assert.That(SpecSet.Parse("[]").Errors, Is.EqualTo(new[] { "specs must be a JSON object of id → spec, got an array" }));
        Assert.That(SpecSet.Parse("\"x\"", "specs.json").Errors, Is.EqualTo(new[] { "specs.json must be a JSON object of id → spec, got \"x\"" }));
    }

    [Test]
    public void ARepeatedIdKeepsItsFirstPlaceAndItsLastValueAsPythonDoes()
    {
        var json = $$"""{"a": {{SpecSamples.Body("First.T.M")}}, "b": {{SpecSamples.Body("B.T.M")}}, "a": {{SpecSamples.Body("Last.T.M")}}}""";

        var specs = SpecSet.Parse(json, "specs.json");

        Assert.That(specs.Select(spec => spec.Id), Is.EqualTo(new[] { "a", "b" }));
        Assert.That(specs["a"].Target, Is.EqualTo("Last.T.M"));
        Assert.That(specs.Errors, Is.EqualTo(new[] { "specs.json: spec 'a' appears more than once; the last one is used" }));
    }

    [Test]
    public void AByteOrderMarkIsSkipped()
    {
        var utf8 = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(SpecSamples.Readme)).ToArray();

        var specs = SpecSet.Parse(utf8, "specs.json");

        Assert.That(specs.Errors, Is.Empty);
        Assert.That(specs["instr-1"].IsValid, Is.True);
    }

    [Test]
    public void WithReplacesInPlaceAndAddsAtTheEnd()
    {
        var specs = SpecSet.Parse($$"""{"a": {{SpecSamples.Body("A.T.M")}}, "b": {{SpecSamples.Body("B.T.M")}}}""");
        var instrument = new InstrumentSpec("log", "n", "result");

        var replaced = specs.With(new Spec("a", "New.T.M", instrument, DateTimeOffset.UnixEpoch));
        var added = replaced.With(new Spec("c", "C.T.M", instrument, DateTimeOffset.UnixEpoch));

        Assert.That(added.Select(spec => spec.Id + "=" + spec.Target), Is.EqualTo(new[] { "a=New.T.M", "b=B.T.M", "c=C.T.M" }));
        Assert.That(specs["a"].Target, Is.EqualTo("A.T.M"), "the original set is unchanged");
    }

    [Test]
    public void WithoutRemovesOneSpecAndIgnoresUnknownIds()
    {
        var specs = SpecSet.Parse($$"""{"a": {{SpecSamples.Body("A.T.M")}}, "b": {{SpecSamples.Body("B.T.M")}}}""");

        Assert.That(specs.Without("a").Select(spec => spec.Id), Is.EqualTo(new[] { "b" }));
        Assert.That(specs.Without("zzz"), Is.SameAs(specs));
    }

    [Test]
    public void ASetMadeInCodeNeedsUniqueIds()
    {
        var instrument = new InstrumentSpec("log", "n", "result");
        var spec = new Spec("a", "A.T.M", instrument, DateTimeOffset.UnixEpoch);

        Assert.Throws<ArgumentException>(() => _ = new SpecSet([spec, spec]));
    }

    [Test]
    public void AnUnknownIdIsNamedWhenLookedUp()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => _ = SpecSet.Empty["instr-9"]);

        Assert.That(error!.Message, Is.EqualTo("there is no spec 'instr-9'"));
        Assert.That(SpecSet.Empty.Contains("instr-9"), Is.False);
    }
}
