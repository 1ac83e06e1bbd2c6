using System.Runtime.Versioning;
using System.Text;
using System.Text.Json.Nodes;
using Diagnose.Protocol.Specs;
using Diagnose.Tests.Protocol.Support;
using NUnit.Framework;

namespace Diagnose.Tests.Protocol.Specs;

/// <summary>Writing processes' <c>applied</c> entries back into spec files, and failing soft where that is impossible.</summary>
public sealed class DirectorySpecStoreWriteBackTests : DirectoryFixture
{
    private const string Key = "web-1:4242";

    [Test]
    public void EachEntryIsWrittenIntoTheFileThatHoldsItsSpec()
    {
        Folder.Write("a.json", SpecSamples.One("instr-1"));
        Folder.Write("b.json", SpecSamples.One("instr-2"));
        var store = Store();
        store.Load();

        store.WriteApplied(Key, Entries(("instr-1", null), ("instr-2", "boom")));

        Assert.That(Entry("a.json", "instr-1"), Is.EqualTo("""{"lm":"2026-11-22T10:00:00Z","err":null}"""));
        Assert.That(Entry("b.json", "instr-2"), Is.EqualTo("""{"lm":"2026-11-22T10:00:00Z","err":"boom"}"""));
        Assert.That(Reports, Is.Empty);
    }

    [Test]
    public void TheWrittenFileIsIndentedAndKeepsEverythingElse()
    {
        Folder.Write("specs.json", SpecSamples.Compact);
        var store = Store();
        store.Load();

        store.WriteApplied(Key, Entries(("instr-3", null)));

        var text = Folder.Read("specs.json");
        var expected = JsonNode.Parse(SpecSamples.Compact)!;
        expected["instr-3"]!["applied"]!["web-1:4242"] = new JsonObject { ["lm"] = "2026-11-22T10:00:00Z", ["err"] = null };
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(text), expected), Is.True, text);
        Assert.That(text, Does.StartWith("{\n  \"instr-1\": {\n    \"target\": ").And.EndWith("}\n"));
        Assert.That(Directory.GetFiles(Folder.Path, ".*"), Is.Empty, "no temporary file is left");
    }

    [Test]
    public void WritingBackIsNotTakenForAChangeOfTheSpecs()
    {
        Folder.Write("specs.json", SpecSamples.One("instr-1"));
        var store = Store();
        var before = store.Load();

        store.WriteApplied(Key, Entries(("instr-1", null)));
        var after = store.Load();

        Assert.That(after, Is.SameAs(before));
        Assert.That(after["instr-1"].Applied[Key], Is.EqualTo(new AppliedEntry("2026-11-22T10:00:00Z", null)));
    }

    [Test]
    public void AnEntryAlreadyThereIsNotWrittenAgain()
    {
        Folder.Write("specs.json", SpecSamples.One("instr-1"));
        var writes = 0;
        var store = Store(swapFile: (path, content) =>
        {
            writes++;
            return AtomicFile.Swap(path, content);
        });
        store.Load();

        store.WriteApplied(Key, Entries(("instr-1", null)));
        store.WriteApplied(Key, Entries(("instr-1", null)));

        Assert.That(writes, Is.EqualTo(1));
    }

    [Test]
    public void EditsMadeSinceTheLastLoadAreKept()
    {
        Folder.Write("specs.json", SpecSamples.One("instr-1"));
        var store = Store();
        store.Load();
        var edited = JsonNode.Parse(SpecSamples.One("instr-1"))!.AsObject();
        edited["instr-9"] = JsonNode.Parse(SpecSamples.Body("Added.Meanwhile.M"));
        Folder.Write("specs.json", edited.ToJsonString());

        store.WriteApplied(Key, Entries(("instr-1", null)));

        Assert.That(JsonNode.Parse(Folder.Read("specs.json"))!["instr-9"], Is.Not.Null);
        Assert.That(Entry("specs.json", "instr-1"), Is.Not.Null);
        Assert.That(store.Load().Select(spec => spec.Id), Is.EqualTo(new[] { "instr-1", "instr-9" }), "the edit is still seen");
    }

    [Test]
    public void AnEditThatLandsBetweenTheReadingAndTheWriteIsKept()
    {
        Folder.Write("specs.json", SpecSamples.One("instr-1"));
        var edited = JsonNode.Parse(SpecSamples.One("instr-1"))!.AsObject();
        edited["instr-9"] = JsonNode.Parse(SpecSamples.Body("Added.Meanwhile.M"));
        var editorSaved = false;
        var store = Store(swapFile: (path, content) =>
        {
            if (!editorSaved)
            {
                editorSaved = true;
                AtomicFile.Replace(path, Encoding.UTF8.GetBytes(edited.ToJsonString())); // the editor saves first
            }

            return AtomicFile.Swap(path, content);
        });
        store.Load();

        store.WriteApplied(Key, Entries(("instr-1", null)));

        Assert.That(JsonNode.Parse(Folder.Read("specs.json"))!["instr-9"], Is.Not.Null, "the editor's spec");
        Assert.That(Entry("specs.json", "instr-1"), Is.Not.Null, "the entry, written into the edited file");
        Assert.That(store.Load().Select(spec => spec.Id), Is.EqualTo(new[] { "instr-1", "instr-9" }), "the edit is seen");
    }

    [Test]
    public void AFileReplacedOnEveryAttemptIsLeftAsTheOtherWriterMadeIt()
    {
        Folder.Write("specs.json", SpecSamples.One("instr-1"));
        var saves = 0;
        var store = Store(swapFile: (path, content) =>
        {
            var other = JsonNode.Parse(SpecSamples.One("instr-1"))!.AsObject();
            other[$"other-{++saves}"] = JsonNode.Parse(SpecSamples.Body("Other.Writer.M"));
            AtomicFile.Replace(path, Encoding.UTF8.GetBytes(other.ToJsonString()));
            return AtomicFile.Swap(path, content);
        });
        store.Load();

        store.WriteApplied(Key, Entries(("instr-1", null)));

        var left = JsonNode.Parse(Folder.Read("specs.json"))!.AsObject();
        Assert.That(left.Select(pair => pair.Key), Is.EqualTo(new[] { "instr-1", $"other-{saves - 1}" }), "the last writer's file, put back");
        Assert.That(left["instr-1"]!["applied"]?[Key], Is.Null);
        Assert.That(Reports, Is.Empty);
    }

    [Test]
    public void AFileHalfWrittenByOthersMeanwhileIsGivenBackAsItWas()
    {
        Folder.Write("specs.json", SpecSamples.One("instr-1"));
        const string half = "{ \"instr-1\": { \"target\": ";
        var once = false;
        var store = Store(swapFile: (path, content) =>
        {
            if (!once)
            {
                once = true;
                AtomicFile.Replace(path, Encoding.UTF8.GetBytes(half));
            }

            return AtomicFile.Swap(path, content);
        });
        store.Load();

        store.WriteApplied(Key, Entries(("instr-1", null)));

        Assert.That(Folder.Read("specs.json"), Is.EqualTo(half));
    }

    [Test]
    public void SwapReturnsWhatWasThereAndLeavesNoTemporaryFile()
    {
        Folder.Write("specs.json", "old");

        var displaced = AtomicFile.Swap(Folder["specs.json"], Encoding.UTF8.GetBytes("new"));

        Assert.That(Encoding.UTF8.GetString(displaced), Is.EqualTo("old"));
        Assert.That(Folder.Read("specs.json"), Is.EqualTo("new"));
        Assert.That(Directory.GetFiles(Folder.Path).Select(Path.GetFileName), Is.EqualTo(new[] { "specs.json" }));
    }

    [Test]
    public void ASymlinkedFileIsWrittenThroughItsLink()
    {
        Folder.Write("real/specs.json", SpecSamples.One("instr-1"));
        Directory.CreateDirectory(Folder["mount"]);
        File.CreateSymbolicLink(Folder["mount/specs.json"], "../real/specs.json");
        var store = Store(Folder["mount"]);
        store.Load();

        store.WriteApplied(Key, Entries(("instr-1", null)));

        Assert.That(new FileInfo(Folder["mount/specs.json"]).LinkTarget, Is.EqualTo("../real/specs.json"));
        Assert.That(Entry("real/specs.json", "instr-1"), Is.Not.Null);
    }

    [Test]
    [Platform(Exclude = "Win")]
    [UnsupportedOSPlatform("windows")]
    public void TheFilesPermissionsAreKept()
    {
        var path = Folder.Write("specs.json", SpecSamples.One("instr-1"));
        const UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
        File.SetUnixFileMode(path, mode);
        var store = Store();
        store.Load();

        store.WriteApplied(Key, Entries(("instr-1", null)));

        Assert.That(File.GetUnixFileMode(path), Is.EqualTo(mode));
    }

    [Test]
    public void AStoreThatCannotBeWrittenFailsSoftAndSaysSoOnce()
    {
        Folder.Write("specs.json", SpecSamples.One("instr-1"));
        var store = Store(swapFile: (_, _) => throw new IOException("Read-only file system"));
        store.Load();

        store.WriteApplied(Key, Entries(("instr-1", null)));
        Time.Advance(AppliedWriteBack.RetryAfterFailure);
        store.WriteApplied(Key, Entries(("instr-1", "later")));
        var specs = store.Load();

        Assert.That(Reports, Is.EqualTo(new[] { "cannot write 'applied' back to specs.json: Read-only file system (the specs stay in use; reported once)" }));
        Assert.That(specs["instr-1"].Applied[Key].Error, Is.EqualTo("later"), "kept in memory");
        Assert.That(Entry("specs.json", "instr-1"), Is.Null);
    }

    [Test]
    [Platform(Exclude = "Win")]
    [UnsupportedOSPlatform("windows")]
    public void AReadOnlyDirectoryFailsSoft()
    {
        var path = Folder.Write("specs.json", SpecSamples.One("instr-1"));
        File.SetUnixFileMode(path, UnixFileMode.UserRead);
        File.SetUnixFileMode(Folder.Path, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        if (CanCreateFileIn(Folder.Path))
        {
            Assert.Ignore("this user may write anywhere (root), so no directory is read-only to it");
        }

        var store = Store();
        store.Load();

        Assert.DoesNotThrow(() => store.WriteApplied(Key, Entries(("instr-1", null))));
        Assert.That(Reports.Single(), Does.StartWith("cannot write 'applied' back to specs.json: "));
        Assert.That(store.Load()["instr-1"].Applied[Key].Error, Is.Null);
    }

    [Test]
    public void AFailedWriteIsTriedAgainLaterAndItsRecoveryIsReported()
    {
        Folder.Write("specs.json", SpecSamples.One("instr-1"));
        var failures = 1;
        var attempts = 0;
        var store = Store(swapFile: (path, content) =>
        {
            attempts++;
            if (failures-- > 0)
            {
                throw new UnauthorizedAccessException("Access to the path is denied.");
            }

            return AtomicFile.Swap(path, content);
        });
        store.Load();

        store.WriteApplied(Key, Entries(("instr-1", null)));
        store.Load();
        Assert.That(attempts, Is.EqualTo(1), "not again before the retry time");
        Time.Advance(AppliedWriteBack.RetryAfterFailure);
        store.Load();

        Assert.That(attempts, Is.EqualTo(2));
        Assert.That(Entry("specs.json", "instr-1"), Is.Not.Null);
        Assert.That(Reports, Has.Count.EqualTo(2));
        Assert.That(Reports[1], Is.EqualTo("'applied' is written to specs.json again"));
    }

    [Test]
    public void AFileBeingWrittenByOthersGetsTheEntryOnceComplete()
    {
        var complete = SpecSamples.One("instr-1");
        Folder.Write("specs.json", complete);
        var store = Store();
        store.Load();
        Folder.Write("specs.json", complete[..10]);

        store.WriteApplied(Key, Entries(("instr-1", null)));
        Assert.That(Folder.Read("specs.json"), Is.EqualTo(complete[..10]), "not touched while incomplete");

        Folder.Write("specs.json", complete);
        store.Load();

        Assert.That(Entry("specs.json", "instr-1"), Is.Not.Null);
        Assert.That(Reports, Is.Empty);
    }

    private static Dictionary<string, AppliedEntry> Entries(params (string Id, string? Error)[] entries) =>
        entries.ToDictionary(entry => entry.Id, entry => new AppliedEntry("2026-11-22T10:00:00Z", entry.Error));

    private static bool CanCreateFileIn(string directory)
    {
        try
        {
            File.WriteAllText(Path.Combine(directory, ".probe"), "");
            File.Delete(Path.Combine(directory, ".probe"));
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>This process's entry for <paramref name="id"/> as written in the file, or null.</summary>
    private string? Entry(string file, string id) =>
        JsonNode.Parse(Folder.Read(file))![id]!["applied"]?[Key]?.ToJsonString();

    private DirectorySpecStore Store(string? path = null, Func<string, byte[], byte[]>? swapFile = null) =>
        new(path ?? Folder.Path, Reports.Add, Time, swapFile);
}
