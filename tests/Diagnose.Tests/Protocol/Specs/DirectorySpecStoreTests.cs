using Diagnose.Protocol.Specs;
using Diagnose.Tests.Protocol.Support;
using NUnit.Framework;

namespace Diagnose.Tests.Protocol.Specs;

/// <summary>Reading specs from a file or a directory of files, and noticing changes without being fooled by them.</summary>
public sealed class DirectorySpecStoreTests
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    private TemporaryDirectory _directory = null!;
    private ManualTimeProvider _time = null!;
    private List<string> _reports = null!;

    [SetUp]
    public void MakeDirectory()
    {
        _directory = new TemporaryDirectory();
        _time = new ManualTimeProvider(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));
        _reports = [];
    }

    [TearDown]
    public void RemoveDirectory() => _directory.Dispose();

    [Test]
    public void EveryVisibleJsonFileOfADirectoryIsReadInNameOrder()
    {
        _directory.Write("b.json", SpecSamples.One("from-b"));
        _directory.Write("a.json", SpecSamples.One("from-a"));
        _directory.Write("C.JSON", SpecSamples.One("from-c"));
        _directory.Write("notes.txt", SpecSamples.One("from-txt"));
        _directory.Write(".hidden.json", SpecSamples.One("from-hidden"));
        _directory.Write("sub/d.json", SpecSamples.One("from-sub"));
        Directory.CreateDirectory(_directory["folder.json"]);

        var specs = Store().Load();

        Assert.That(specs.Select(spec => spec.Id), Is.EqualTo(new[] { "from-c", "from-a", "from-b" }));
        Assert.That(specs.Errors, Is.Empty);
    }

    [Test]
    public void ASingleFileIsRead()
    {
        var path = _directory.Write("specs.json", SpecSamples.Compact);
        _directory.Write("other.json", SpecSamples.One("other"));

        var specs = Store(path).Load();

        Assert.That(specs.Select(spec => spec.Id), Is.EqualTo(new[] { "instr-1", "instr-2", "instr-3" }));
    }

    [Test]
    public void AnIdInTwoFilesIsTakenFromTheFirstAndReported()
    {
        _directory.Write("a.json", SpecSamples.One("same", "From.A.M"));
        _directory.Write("b.json", SpecSamples.One("same", "From.B.M"));

        var specs = Store().Load();

        Assert.That(specs["same"].Target, Is.EqualTo("From.A.M"));
        Assert.That(specs.Errors, Is.EqualTo(new[] { "spec 'same' is in both a.json and b.json; the one in a.json is used" }));
    }

    [Test]
    public void AConfigMapUpdateIsSeenThroughItsSymlinks()
    {
        var volume = new ConfigMapVolume(_directory);
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
        var volume = new ConfigMapVolume(_directory);
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
        _directory.Write("specs.json", SpecSamples.One("old"));
        var store = Store();
        var before = store.Load();

        _directory.Write("specs.json", complete[..(complete.Length / 2)]);
        Assert.That(store.Load(), Is.SameAs(before), "just written");
        _time.Advance(TimeSpan.FromSeconds(1.5));
        Assert.That(store.Load(), Is.SameAs(before), "still within the settle time");

        _directory.Write("specs.json", complete);
        var after = store.Load();

        Assert.That(after.Select(spec => spec.Id), Is.EqualTo(new[] { "new" }));
        Assert.That(after.Errors, Is.Empty);
    }

    [Test]
    public void AFileThatStaysInvalidIsReportedWhileItsLastGoodSpecsStayInUse()
    {
        _directory.Write("specs.json", SpecSamples.One("good"));
        var store = Store();
        store.Load();

        _directory.Write("specs.json", "{\n  \"good\": {\n    target: 1");
        store.Load();
        _time.Advance(Settle);
        var specs = store.Load();

        Assert.That(specs.Select(spec => spec.Id), Is.EqualTo(new[] { "good" }));
        Assert.That(specs.Errors.Single(), Does.StartWith("specs.json is not valid JSON: ").And.EndWith("(line 3, position 5)"));
    }

    [Test]
    public void AnInvalidFileThatKeepsChangingIsNotReportedYet()
    {
        var store = Store();
        _directory.Write("specs.json", "{\"a\":");
        store.Load();
        _time.Advance(TimeSpan.FromSeconds(1.5));

        _directory.Write("specs.json", "{\"a\": {\"tar");
        store.Load();
        _time.Advance(TimeSpan.FromSeconds(1.5));

        Assert.That(store.Load().Errors, Is.Empty);
        _time.Advance(TimeSpan.FromSeconds(0.5));
        Assert.That(store.Load().Errors, Has.Count.EqualTo(1));
    }

    [Test]
    public void AnEmptiedFileMeansNoSpecsOnceSettled()
    {
        _directory.Write("specs.json", SpecSamples.One("good"));
        var store = Store();
        store.Load();

        _directory.Write("specs.json", "");
        Assert.That(store.Load().Select(spec => spec.Id), Is.EqualTo(new[] { "good" }), "maybe truncated before a write");
        _time.Advance(Settle);

        Assert.That(store.Load(), Is.Empty);
        Assert.That(store.Load().Errors, Is.Empty);
    }

    [Test]
    public void ADeletedFileTakesItsSpecsOnceSettled()
    {
        _directory.Write("a.json", SpecSamples.One("a"));
        _directory.Write("b.json", SpecSamples.One("b"));
        var store = Store();
        store.Load();

        File.Delete(_directory["b.json"]);
        Assert.That(store.Load().Select(spec => spec.Id), Is.EqualTo(new[] { "a", "b" }));
        _time.Advance(Settle);

        Assert.That(store.Load().Select(spec => spec.Id), Is.EqualTo(new[] { "a" }));
    }

    [Test]
    public void AFileDeletedAndWrittenAgainIsNoChange()
    {
        var path = _directory.Write("specs.json", SpecSamples.One("a"));
        var store = Store(path);
        var before = store.Load();

        File.Delete(path);
        Assert.That(store.Load(), Is.SameAs(before));
        _directory.Write("specs.json", SpecSamples.One("a"));
        _time.Advance(Settle);

        Assert.That(store.Load(), Is.SameAs(before));
    }

    [Test]
    public void LoadGivesTheSameSetWhileOnlyTheFileTimeChanged()
    {
        var path = _directory.Write("specs.json", SpecSamples.One("a"));
        var store = Store();
        var before = store.Load();

        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1));

        Assert.That(store.Load(), Is.SameAs(before));
    }

    [Test]
    public void ARewriteOfTheSameSizeAtTheSameTimeIsNoticed()
    {
        var path = _directory.Write("specs.json", SpecSamples.One("aaaa"));
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
        _directory.Write("specs.json", SpecSamples.One("a"));
        using var store = Store();
        var changes = 0;
        store.Changed += (_, _) => changes++;
        store.StartPolling(TimeSpan.FromMilliseconds(500));
        _time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.That(changes, Is.EqualTo(1), "the first look");

        _directory.Write("specs.json", SpecSamples.One("b"));
        _time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.That(changes, Is.EqualTo(2));
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.That(changes, Is.EqualTo(2), "nothing changed since");
        Assert.That(store.Load().Select(spec => spec.Id), Is.EqualTo(new[] { "b" }));
    }

    [Test]
    public void DisposingStopsPolling()
    {
        var store = Store();
        store.StartPolling();
        Assert.That(_time.ActiveTimers, Is.EqualTo(1));

        store.Dispose();

        Assert.That(_time.ActiveTimers, Is.EqualTo(0));
        Assert.Throws<ObjectDisposedException>(() => store.StartPolling());
    }

    [Test]
    public void AMissingPathIsReportedAndItsSpecsAppearWhenItDoes()
    {
        var store = Store(_directory["later"]);

        Assert.That(store.Load().Errors.Single(), Does.StartWith("the specs path ").And.EndWith("later does not exist"));

        Directory.CreateDirectory(_directory["later"]);
        _directory.Write("later/specs.json", SpecSamples.One("a"));
        var specs = store.Load();

        Assert.That(specs.Select(spec => spec.Id), Is.EqualTo(new[] { "a" }));
        Assert.That(specs.Errors, Is.Empty);
    }

    [Test]
    public void BadSpecsInAFileAreKeptWithTheirErrors()
    {
        _directory.Write("specs.json", """{"ok": {"target": "A.B.M", "instrument": {"type": "log", "name": "n", "value": "v"}}, "bad": {"target": 1}}""");

        var specs = Store().Load();

        Assert.That(specs.Valid.Select(spec => spec.Id), Is.EqualTo(new[] { "ok" }));
        Assert.That(specs["bad"].Error, Does.StartWith("spec 'bad': 'target' must be a string, got 1"));
    }

    private DirectorySpecStore Store(string? path = null) => new(path ?? _directory.Path, _reports.Add, _time);
}
