using Diagnose.Channel;
using Diagnose.Protocol.Specs;
using NUnit.Framework;

namespace Diagnose.Tests.Channel;

/// <summary>The channel's specs: changed only by commands; every applied entry written is announced.</summary>
public sealed class ChannelSpecStoreTests
{
    private static readonly SpecSet Two = SpecSet.Parse("""
        {"a": {"target": "A.B.M", "instrument": {"type": "log", "name": "n", "value": "result"}},
         "b": {"target": "A.B.N", "instrument": {"type": "log", "name": "n", "value": "result"}}}
        """);

    [Test]
    public void SetAddsAndReplacesByIdRemoveTakesOneAway()
    {
        var store = new ChannelSpecStore();
        store.Set(Two);
        store.Set(SpecSet.Parse("""{"a": {"target": "X.Y.Z", "instrument": {"type": "log", "name": "n", "value": "1"}}}"""));

        Assert.That(store.Load().Select(s => (s.Id, s.Target)), Is.EqualTo(new[] { ("a", "X.Y.Z"), ("b", "A.B.N") }));
        Assert.That(store.Remove("a"), Is.True);
        Assert.That(store.Remove("a"), Is.False);
        Assert.That(store.Load().Select(s => s.Id), Is.EqualTo(new[] { "b" }));
    }

    [Test]
    public void ReplaceMakesTheGivenSetTheWholeSet()
    {
        var store = new ChannelSpecStore();
        store.Set(Two);

        store.Replace(SpecSet.Parse("""{"c": {"target": "C.D.E", "instrument": {"type": "log", "name": "n", "value": "1"}}}"""));

        Assert.That(store.Load().Select(s => s.Id), Is.EqualTo(new[] { "c" }));
    }

    [Test]
    public void WrittenEntriesAreRecordedAndAnnouncedUnknownIdsIgnored()
    {
        var store = new ChannelSpecStore();
        store.Set(Two);
        var announced = new List<(string, AppliedEntry)>();
        store.Applied += (spec, entry) => announced.Add((spec.Id, entry));

        store.WriteApplied("h:1", new Dictionary<string, AppliedEntry> { ["a"] = new(null, "boom"), ["ghost"] = new(null, null) });

        Assert.That(store.Load()["a"].Applied["h:1"], Is.EqualTo(new AppliedEntry(null, "boom")));
        Assert.That(announced, Is.EqualTo(new[] { ("a", new AppliedEntry(null, "boom")) }));
    }
}
