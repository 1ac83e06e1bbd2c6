using System.Text.Json.Nodes;
using Diagnose.Protocol.Specs;
using Diagnose.Tests.Protocol.Support;
using NUnit.Framework;

namespace Diagnose.Tests.Protocol.Specs;

/// <summary>Each process records what it made of a spec under its own key in <c>applied</c>.</summary>
public sealed class AppliedTests
{
    [Test]
    public void TheProcessKeyIsHostColonPid()
    {
        Assert.That(ProcessKey.Current, Is.EqualTo($"{Environment.MachineName}:{Environment.ProcessId}"));
        Assert.That(ProcessKey.For("web-1", 4242), Is.EqualTo("web-1:4242"));
    }

    [Test]
    public void AProcessKeySplitsAtItsLastColon()
    {
        Assert.That(ProcessKey.TryParse("web-1:4242", out var host, out var pid), Is.True);
        Assert.That((host, pid), Is.EqualTo(("web-1", 4242)));
        Assert.That(ProcessKey.TryParse("web-1", out _, out _), Is.False);
        Assert.That(ProcessKey.TryParse("web-1:0", out _, out _), Is.False);
        Assert.That(ProcessKey.TryParse(":5", out _, out _), Is.False);
        Assert.That(ProcessKey.TryParse("web-1:-5", out _, out _), Is.False);
    }

    [Test]
    public void SettingThisProcesssEntryAddsItUnderItsKey()
    {
        var spec = SpecSet.Parse(SpecSamples.Compact)["instr-1"];

        var changed = spec.SetApplied(AppliedEntry.For(spec));

        Assert.That(changed, Is.True);
        Assert.That(spec.Applied[ProcessKey.Current], Is.EqualTo(new AppliedEntry("2026-11-22T10:00:00Z", null)));
        Assert.That(spec.Applied.Keys, Is.EqualTo(new[] { "web-1:4242", ProcessKey.Current }));
    }

    [Test]
    public void SettingTheSameEntryAgainChangesNothing()
    {
        var spec = SpecSet.Parse(SpecSamples.Compact)["instr-1"];

        Assert.That(spec.SetApplied("web-1:4242", new AppliedEntry("2026-11-22T10:00:00Z", null)), Is.False);
        Assert.That(spec.SetApplied("web-1:4242", new AppliedEntry("2026-11-22T10:00:00Z", "boom")), Is.True);
        Assert.That(spec.SetApplied("web-1:4242", new AppliedEntry("2026-11-22T10:00:00Z", "boom")), Is.False);
    }

    [Test]
    public void CountersTravelInTheEntryWithoutMakingItANewOutcome()
    {
        var spec = SpecSet.Parse(SpecSamples.Compact)["instr-1"];
        var stats = new ProbeStats(Calls: 1200, Fired: 100, DroppedRate: 1100, DroppedFull: 2, Errors: 0);

        Assert.That(spec.SetApplied("web-1:4242", new AppliedEntry("2026-11-22T10:00:00Z", null, stats)), Is.True, "new counters are written");
        Assert.That(spec.SetApplied("web-1:4242", new AppliedEntry("2026-11-22T10:00:00Z", null, stats)), Is.False);

        var written = JsonNode.Parse(spec.ToJson())!["applied"]!["web-1:4242"]!.ToJsonString();
        Assert.That(written, Is.EqualTo("""{"lm":"2026-11-22T10:00:00Z","err":null,"stats":{"calls":1200,"fired":100,"droppedRate":1100,"droppedFull":2,"errors":0}}"""));
        Assert.That(spec.Applied["web-1:4242"].Stats, Is.EqualTo(stats));
        Assert.That(spec.Applied["web-1:4242"], Is.EqualTo(new AppliedEntry("2026-11-22T10:00:00Z", null)), "the same version and outcome");
    }

    [TestCase("""{"rate": 0, "maxHits": 5}""", 0.0, 5L, null, null)]
    [TestCase("""{"rate": "2.5", "budgetMs": 50, "cpuPercent": 1}""", 2.5, null, 50.0, 1.0)]
    public void GuardrailSettingsAreReadFromCustom(string custom, double? rate, long? maxHits, double? budget, double? cpu)
    {
        var spec = SpecSet.Parse("""{"a": {"target": "A.B.M", "instrument": {"type": "log", "name": "a", "value": "v", "custom": CUSTOM}}}""".Replace("CUSTOM", custom))["a"];

        Assert.That(spec.Error, Is.Null);
        Assert.That(spec.Instrument.Limits, Is.EqualTo(new GuardLimits(rate, maxHits, budget, cpu)));
    }

    [Test]
    public void ABadGuardrailSettingMakesTheSpecInvalidWithWhatItMustBe()
    {
        var spec = SpecSet.Parse("""{"a": {"target": "A.B.M", "instrument": {"type": "log", "name": "a", "value": "v", "custom": {"maxHits": 0}}}}""")["a"];

        Assert.That(spec.Error, Is.EqualTo("spec 'a': 'instrument.custom.maxHits' must be a whole number of fires, 1 or more, got 0"));
    }

    [Test]
    public void AnEntryIsReplacedInPlaceAndOtherProcessesEntriesAreLeftAsTheyWere()
    {
        var specs = SpecSet.Parse(SpecSamples.Compact);
        var cache = specs["instr-3"];

        cache.SetApplied("web-1:4242", AppliedEntry.For(cache));

        var applied = JsonNode.Parse(cache.ToJson())!["applied"]!.AsObject();
        Assert.That(applied.Select(pair => pair.Key), Is.EqualTo(new[] { "web-1:4242", "web-2:99" }));
        Assert.That(applied["web-1:4242"]!.ToJsonString(), Is.EqualTo("""{"lm":"2026-11-21 17:30:00","err":null}"""));
        Assert.That(applied["web-2:99"]!.ToJsonString(), Is.EqualTo("""{"lm":"2026-11-20T08:00:00Z","err":null,"seen":3}"""));
    }

    [Test]
    public void AnInvalidSpecStillTakesItsEntrySoTheErrorReachesTheStore()
    {
        var spec = SpecSet.Parse("""{"bad": {"target": "A.B.M", "instrument": {"type": "log", "value": "v"}}}""")["bad"];

        spec.SetApplied("web-1:1", AppliedEntry.For(spec, spec.Error));

        Assert.That(spec.Applied["web-1:1"].Error, Is.EqualTo("spec 'bad': 'instrument.name' is missing"));
        Assert.That(spec.ToJson(indented: false), Does.EndWith("""
            "applied":{"web-1:1":{"lm":null,"err":"spec 'bad': 'instrument.name' is missing"}}}
            """));
    }

    [Test]
    public void AnAppliedThatIsNotAnObjectIsReplacedByOne()
    {
        var spec = SpecSet.Parse("""{"s": {"target": "A.B.M", "instrument": {"type": "log", "name": "n", "value": "v"}, "applied": []}}""")["s"];

        spec.SetApplied("web-1:1", new AppliedEntry(null, spec.Error));

        Assert.That(JsonNode.Parse(spec.ToJson())!["applied"]!["web-1:1"], Is.Not.Null);
    }

    [Test]
    public void ASpecThatIsNotAnObjectCannotHoldEntries()
    {
        var spec = SpecSet.Parse("""{"s": 42}""")["s"];

        Assert.That(spec.SetApplied("web-1:1", new AppliedEntry(null, spec.Error)), Is.False);
        Assert.That(spec.ToJson(), Is.EqualTo("42"));
    }

    [Test]
    public void ManyThreadsCanWriteTheirEntriesAtOnce()
    {
        var spec = SpecSet.Parse(SpecSamples.Readme)["instr-1"];

        Parallel.For(1, 201, pid =>
        {
            spec.SetApplied(ProcessKey.For("web", pid), AppliedEntry.For(spec));
            _ = spec.ToJson();
        });

        Assert.That(spec.Applied, Has.Count.EqualTo(200));
        Assert.That(JsonNode.Parse(spec.ToJson())!["applied"]!.AsObject(), Has.Count.EqualTo(200));
    }
}
