using Diagnose.Protocol.Specs;
using Diagnose.Tests.Protocol.Support;
using NUnit.Framework;

namespace Diagnose.Tests.Protocol.Specs;

/// <summary>Reading specs from a file or a directory of files, and noticing changes without being fooled by them.</summary>
public sealed class DirectorySpecStoreTests : DirectoryFixture
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    [Test]
    public void EveryVisibleJsonFileOfADirectoryIsReadInNameOrder()
    {
        Folder.Write("b.json", SpecSamples.One("from-b"));
        Folder.Write("a.json", SpecSamples.One("from-a"));
        Folder.Write("C.JSON", SpecSamples.One("from-c"));
        Folder.Write("notes.txt", SpecSamples.One("from-txt"));
        Folder.Write(".hidden.json", SpecSamples.One("from-hidden"));
        Folder.Write("sub/d.json", SpecSamples.One("from-sub"));
        Directory.CreateDirectory(Folder["folder.json"]);

        var specs = Store().Load();

        Assert.That(specs.Select(spec => spec.Id), Is.EqualTo(new[] { "from-c", "from-a", "from-b" }));
        Assert.That(specs.Errors, Is.Empty);
    }

    [Test]
    public void ASingleFileIsRead()
    {
        var path = Folder.Write("specs.json", SpecSamples.Compact);
        Folder.Write("other.json", SpecSamples.One("other"));

        var specs = Store(path).Load();

        Assert.That(specs.Select(spec => spec.Id), Is.EqualTo(new[] { "instr-1", "instr-2", "instr-3" }));
    }

    [Test]
    public void AnIdInTwoFilesIsTakenFromTheFirstAndReported()
    {
        Folder.Write("a.json", SpecSamples.One("same", "From.A.M"));
        Folder.Write("b.json", SpecSamples.One("same", "From.B.M"));

        var specs = Store().Load();

        Assert.That(specs["same"].Target, Is.EqualTo("From.A.M"));
        Assert.That(specs.Errors, Is.EqualTo(new[] { "spec 'same' is in both a.json and b.json; the one in a.json is used" }));
    }

    [Test]
    public void AConfigMapUpdateIsSeenThroughItsSymlinks()
    {
        var volume = new ConfigMapVolume(Folder);
        volume.Publish(("specs.json", SpecSamples.One("v1")), ("more.json", SpecSamples.One("extra")));
        var store = Store();
        Assert.That(store.Load().Select(spec => spec.Id), Is.EqualTo(new[] { "extra", "v1" }));

        volume.Publish(("specs.json", SpecSamples.One("v2")), ("more.json", SpecSamples.One("extra")));
        var specs = store.Load();

        Assert.That(specs.Select(spec => spec.Id), Is.EqualTo(new[] { "extra", "v2" }));
        Assert.That(specs.Errors, Is.Empty);
    }

    [Test]
    public void AConfigMapUpdateWithTheSameContentIsNoChange()
    {
        var volume = new ConfigMapVolume(Folder);
        volume.Publish(("specs.json", SpecSamples.One("v1")));
        var store = Store();
        var before = store.Load();

        volume.Publish(("specs.json", SpecSamples.One("v1")));

        Assert.That(store.Load(), Is.SameAs(before));
    }

    [Test]
    public void AHalfWrittenFileIsIgnoredUntilItIsComplete()
    {
        var complete = SpecSamples.One("new");
        Folder.Write("specs.json", SpecSamples.One("old"));
        var store = Store();
        var before = store.Load();

        Folder.Write("specs.json", complete[..(complete.Length / 2)]);
        Assert.That(store.Load(), Is.SameAs(before), "just written");
        Time.Advance(TimeSpan.FromSeconds(1.5));
        Assert.That(store.Load(), Is.SameAs(before), "still within the settle time");

        Folder.Write("specs.json", complete);
        var after = store.Load();

        Assert.That(after.Select(spec => spec.Id), Is.EqualTo(new[] { "new" }));
        Assert.That(after.Errors, Is.Empty);
    }

    [Test]
    public void AFileThatStaysInvalidIsReportedWhileItsLastGoodSpecsStayInUse()
    {
        Folder.Write("specs.json", SpecSamples.One("good"));
        var store = Store();
        store.Load();

        Folder.Write("specs.json", "{\n  \"good\": {\n    target: 1");
        store.Load();
        Time.Advance(Settle);
        var specs = store.Load();

        Assert.That(specs.Select(spec => spec.Id), Is.EqualTo(new[] { "good" }));
        Assert.That(specs.Errors.Single(), Does.StartWith("specs.json is not valid JSON: ").And.EndWith("(line 3, position 5)"));
    }

    [Test]
    public void AnInvalidFileThatKeepsChangingIsNotReportedYet()
    {
        var store = Store();
        Folder.Write("specs.json", "{\"a\":");
        store.Load();
        Time.Advance(TimeSpan.FromSeconds(1.5));

        Folder.Write("specs.json", "{\"a\": {\"tar");
        store.Load();
        Time.Advance(TimeSpan.FromSeconds(1.5));

        Assert.That(store.Load().Errors, Is.Empty);
        Time.Advance(TimeSpan.FromSeconds(0.5));
        Assert.That(store.Load().Errors, Has.Count.EqualTo(1));
    }

    [Test]
    public void AnEmptiedFileMeansNoSpecsOnceSettled()
    {
        Folder.Write("specs.json", SpecSamples.One("good"));
        var store = Store();
        store.Load();

        Folder.Write("specs.json", "");
        Assert.That(store.Load().Select(spec => spec.Id), Is.EqualTo(new[] { "good" }), "maybe truncated before a write");
        Time.Advance(Settle);

        Assert.That(store.Load(), Is.Empty);
        Assert.That(store.Load().Errors, Is.Empty);
    }

    [Test]
    public void ADeletedFileTakesItsSpecsOnceSettled()
    {
        Folder.Write("a.json", SpecSamples.One("a"));
        Folder.Write("b.json", SpecSamples.One("b"));
        var store = Store();
        store.Load();

        File.Delete(Folder["b.json"]);
        Assert.That(store.Load().Select(spec => spec.Id), Is.EqualTo(new[] { "a", "b" }));
        Time.Advance(Settle);

        Assert.That(store.Load().Select(spec => spec.Id), Is.EqualTo(new[] { "a" }));
    }

    [Test]
    public void AFileDeletedAndWrittenAgainIsNoChange()
    {
        var path = Folder.Write("specs.json", SpecSamples.One("a"));
        var store = Store(path);
        var before = store.Load();

        File.Delete(path);
        Assert.That(store.Load(), Is.SameAs(before));
        Folder.Write("specs.json", SpecSamples.One("a"));
        Time.Advance(Settle);

        Assert.That(store.Load(), Is.SameAs(before));
    }

    [Test]
    public void LoadGivesTheSameSetWhileOnlyTheFileTimeChanged()
    {
        var path = Folder.Write("specs.json", SpecSamples.One("a"));
        var store = Store();
        var before = store.Load();

        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1));

        Assert.That(store.Load(), Is.SameAs(before));
    }

    [Test]
    public void ARewriteOfTheSameSizeAtTheSameTimeIsNoticed()
    {
        var path = Folder.Write("specs.json", SpecSamples.One("aaaa"));
        var stamp = File.GetLastWriteTimeUtc(path);
        var store = Store();
        store.Load();

        File.WriteAllText(path, SpecSamples.One("bbbb"));
        File.SetLastWriteTimeUtc(path, stamp);

        Assert.That(store.Load().Select(spec => spec.Id), Is.EqualTo(new[] { "bbbb" }));
    }

    [Test]
    public void PollingNoticesAChangeWithinASecondAndSaysSo()
    {
        Folder.Write("specs.json", SpecSamples.One("a"));
        using var store = Store();
        var changes = 0;
        store.Changed += (_, _) => changes++;
        store.StartPolling(TimeSpan.FromMilliseconds(500));
        Time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.That(changes, Is.EqualTo(1), "the first look");

        Folder.Write("specs.json", SpecSamples.One("b"));
        Time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.That(changes, Is.EqualTo(2));
        Time.Advance(TimeSpan.FromSeconds(5));

        Assert.That(changes, Is.EqualTo(2), "nothing changed since");
        Assert.That(store.Load().Select(spec => spec.Id), Is.EqualTo(new[] { "b" }));
    }

    [Test]
    public void DisposingStopsPolling()
    {
        var store = Store();
        store.StartPolling();
        Assert.That(Time.ActiveTimers, Is.EqualTo(1));

        store.Dispose();

        Assert.That(Time.ActiveTimers, Is.EqualTo(0));
        Assert.Throws<ObjectDisposedException>(() => store.StartPolling());
    }

    [Test]
    public void AMissingPathIsReportedAndItsSpecsAppearWhenItDoes()
    {
        var store = Store(Folder["later"]);

        Assert.That(store.Load().Errors.Single(), Does.StartWith("the specs path ").And.EndWith("later does not exist"));

        Directory.CreateDirectory(Folder["later"]);
        Folder.Write("later/specs.json", SpecSamples.One("a"));
        var specs = store.Load();

        Assert.That(specs.Select(spec => spec.Id), Is.EqualTo(new[] { "a" }));
        Assert.That(specs.Errors, Is.Empty);
    }

    [Test]
    public void BadSpecsInAFileAreKeptWithTheirErrors()
    {
        Folder.Write("specs.json", """{"ok": {"target": "A.B.M", "instrument": {"type": "log", "name": "n", "value": "v"}}, "bad": {"target": 1}}""");

        var specs = Store().Load();

        Assert.That(specs.Valid.Select(spec => spec.Id), Is.EqualTo(new[] { "ok" }));
        Assert.That(specs["bad"].Error, Does.StartWith("spec 'bad': 'target' must be a string, got 1"));
    }

    private DirectorySpecStore Store(string? path = null) => new(path ?? Folder.Path, Reports.Add, Time);
}
