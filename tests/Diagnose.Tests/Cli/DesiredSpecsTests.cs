using Diagnose.Cli.Sidecar;
using Diagnose.Protocol.Specs;
using NUnit.Framework;

namespace Diagnose.Tests.Cli;

/// <summary>What a store wants is its specs without the entries processes wrote back.</summary>
public sealed class DesiredSpecsTests
{
    private const string Stored = """
        {"a": {"target": "A.B.M", "instrument": {"type": "log", "name": "n", "value": "result"}, "x-note": 1,
               "applied": {"web-1:7": {"lm": null, "err": "boom"}}}}
        """;

    [Test]
    public void AppliedEntriesAreLeftOutAndEverythingElseKept()
    {
        var desired = DesiredSpecs.From(SpecSet.Parse(Stored));

        Assert.That(desired.Specs["a"].Applied, Is.Empty);
        Assert.That(desired.Specs["a"].ToJson(indented: false), Is.EqualTo("""{"target":"A.B.M","instrument":{"type":"log","name":"n","value":"result"},"x-note":1}"""));
    }

    [Test]
    public void TheFingerprintChangesWithTheSpecsNotWithTheirEntries()
    {
        var before = DesiredSpecs.From(SpecSet.Parse(Stored)).Fingerprint;

        var otherEntry = DesiredSpecs.From(SpecSet.Parse(Stored.Replace("boom", "fine"))).Fingerprint;
        var otherValue = DesiredSpecs.From(SpecSet.Parse(Stored.Replace("\"result\"", "\"elapsed\""))).Fingerprint;

        Assert.That(otherEntry, Is.EqualTo(before));
        Assert.That(otherValue, Is.Not.EqualTo(before));
    }

    [Test]
    public void TheFingerprintChangesWithTheTagsSentWithTheSpecs()
    {
        var none = DesiredSpecs.From(SpecSet.Parse(Stored));
        var pay = DesiredSpecs.From(SpecSet.Parse(Stored), tags: ["team:pay"]);
        var ops = DesiredSpecs.From(SpecSet.Parse(Stored), tags: ["team:ops"]);

        Assert.That(new[] { none.Fingerprint, pay.Fingerprint, ops.Fingerprint }, Is.Unique);
        Assert.That(pay.Tags, Is.EqualTo(new[] { "team:pay" }));
        Assert.That(none.Tags, Is.Null);
    }
}
