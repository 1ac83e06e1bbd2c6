using Diagnose.Protocol.Specs;
using Diagnose.Tests.Protocol.Support;
using NUnit.Framework;

namespace Diagnose.Tests.Protocol.Specs;

/// <summary>Specs held in memory: changes are seen by reference and announced; entries are recorded in place.</summary>
public sealed class MemorySpecStoreTests
{
    private static readonly InstrumentSpec Log = new("log", "n", "result");

    [Test]
    public void LoadGivesTheSameSetUntilSomethingChanges()
    {
        var store = new MemorySpecStore(SpecSet.Parse(SpecSamples.Readme));
        var changes = 0;
        store.Changed += (_, _) => changes++;

        var first = store.Load();
        Assert.That(store.Load(), Is.SameAs(first));

        store.Set(new Spec("instr-2", "A.B.M", Log, DateTimeOffset.UnixEpoch));

        Assert.That(store.Load(), Is.Not.SameAs(first));
        Assert.That(store.Load().Select(spec => spec.Id), Is.EqualTo(new[] { "instr-1", "instr-2" }));
        Assert.That(changes, Is.EqualTo(1));
    }

    [Test]
    public void RemovingAnUnknownIdChangesNothing()
    {
        var store = new MemorySpecStore(SpecSet.Parse(SpecSamples.Readme));
        var changes = 0;
        store.Changed += (_, _) => changes++;

        Assert.That(store.Remove("nope"), Is.False);
        Assert.That(store.Remove("instr-1"), Is.True);
        Assert.That(store.Load(), Is.Empty);
        Assert.That(changes, Is.EqualTo(1));
    }

    [Test]
    public void WrittenEntriesAreInTheLoadedSpecsAndUnknownIdsAreIgnored()
    {
        var store = new MemorySpecStore(SpecSet.Parse(SpecSamples.Readme));
        var loaded = store.Load();

        store.WriteApplied("web-1:7", new Dictionary<string, AppliedEntry>
        {
            ["instr-1"] = new("2026-11-22T10:00:00Z", null),
            ["gone"] = new("2026-11-22T10:00:00Z", "x"),
        });

        Assert.That(loaded["instr-1"].Applied["web-1:7"], Is.EqualTo(new AppliedEntry("2026-11-22T10:00:00Z", null)));
        Assert.That(store.Load(), Is.SameAs(loaded), "an applied entry is no change of the desired specs");
    }
}
