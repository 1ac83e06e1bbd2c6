using System.Text;
using Diagnose.Symbols;
using NUnit.Framework;
using static Diagnose.Tests.Symbols.SyntheticAssembly;

namespace Diagnose.Tests.Symbols;

/// <summary>Where a PDB comes from, and why there are no symbols when none is usable.</summary>
public sealed class PdbLocatorTests : SyntheticAssemblyFixture
{
    [Test]
    public void AnEmbeddedPdbIsReadFromTheAssemblyItself()
    {
        var path = Write(PdbPlacement.Embedded);
        var run = LoadRun(path);

        var symbols = MethodSymbols.For(run);

        Assert.That(run.Invoke(null, [5]), Is.EqualTo(5), "the synthetic assembly really runs");
        Assert.That(symbols.HasSymbols, Is.True, symbols.MissingReason);
        Assert.That(symbols.PdbOrigin, Is.EqualTo("embedded in " + path));
        Assert.That(Directory.GetFiles(Folder, "*.pdb", SearchOption.AllDirectories), Is.Empty);
        Assert.That(symbols.LocalName(0), Is.EqualTo("total"));
    }

    [Test]
    public void APdbAtTheAbsolutePathInTheCodeViewEntryIsFound()
    {
        var symbols = SymbolsOfRun(Write(PdbPlacement.CodeViewPath));

        Assert.That(symbols.HasSymbols, Is.True, symbols.MissingReason);
        Assert.That(symbols.PdbOrigin, Is.EqualTo(Path.Combine(Folder, "symbols", Name + ".pdb")));
    }

    [Test]
    public void APdbBesideTheAssemblyUnderTheCodeViewFileNameIsFound()
    {
        var symbols = SymbolsOfRun(Write(PdbPlacement.BesideCodeViewName));

        Assert.That(symbols.HasSymbols, Is.True, symbols.MissingReason);
        Assert.That(symbols.PdbOrigin, Is.EqualTo(Path.Combine(Folder, CodeViewFileName(Name))));
    }

    [Test]
    public void APdbNamedAfterTheAssemblyIsFoundBesideIt()
    {
        var symbols = SymbolsOfRun(Write(PdbPlacement.BesideAssemblyName));

        Assert.That(symbols.HasSymbols, Is.True, symbols.MissingReason);
        Assert.That(symbols.PdbOrigin, Is.EqualTo(Path.Combine(Folder, Name + ".pdb")));
    }

    [Test]
    public void TheEmbeddedPdbIsPreferredOverAFileBesideTheAssembly()
    {
        var path = Write(PdbPlacement.Embedded);
        File.WriteAllBytes(Path.Combine(Folder, CodeViewFileName(Name)), PdbBytes(Name, NowhereDocument, SourceText));

        var symbols = SymbolsOfRun(path);

        Assert.That(symbols.PdbOrigin, Does.StartWith("embedded in "));
    }

    [Test]
    public void AStalePdbFromAnotherBuildIsRefusedAndTheFallbackNamesAreUsed()
    {
        var path = Write(PdbPlacement.None);
        File.WriteAllBytes(Path.Combine(Folder, Name + ".pdb"), PdbBytes(Name, NowhereDocument, SourceText + "// edited\n"));

        var symbols = SymbolsOfRun(path);

        Assert.That(symbols.HasSymbols, Is.False);
        Assert.That(symbols.MissingReason, Does.Contain(Name + ".pdb: does not match the assembly"));
        Assert.That(symbols.Locals.Select(l => l.Name), Is.EqualTo(new[] { "local0", "local1", "local2", "local3", "local4", "local5" }));
    }

    [Test]
    public void AWindowsPdbGivesNoSymbolsAndNoError()
    {
        var path = Write(PdbPlacement.None);
        var windows = Encoding.ASCII.GetBytes("Microsoft C/C++ MSF 7.00\r\n\u001ADS\0\0\0").Concat(new byte[4096]).ToArray();
        File.WriteAllBytes(Path.Combine(Folder, Name + ".pdb"), windows);

        var symbols = SymbolsOfRun(path);

        Assert.That(symbols.HasSymbols, Is.False);
        Assert.That(symbols.MissingReason, Does.Contain("a Windows PDB (only portable PDBs are read)"));
        Assert.That(symbols.LocalName(0), Is.EqualTo("local0"));
    }

    [Test]
    public void ACorruptPdbGivesNoSymbolsAndNoError()
    {
        var path = Write(PdbPlacement.None);
        var corrupt = "BSJB"u8.ToArray().Concat(Enumerable.Range(0, 4096).Select(i => (byte)(i * 37))).ToArray();
        File.WriteAllBytes(Path.Combine(Folder, Name + ".pdb"), corrupt);

        var symbols = SymbolsOfRun(path);

        Assert.That(symbols.HasSymbols, Is.False);
        Assert.That(symbols.MissingReason, Does.Contain(Name + ".pdb: unreadable"));
        Assert.That(symbols.SlotCount, Is.EqualTo(6));
    }

    [Test]
    public void AnUnreadableCandidateDoesNotStopTheSearch()
    {
        var path = Write(PdbPlacement.BesideAssemblyName);
        File.WriteAllBytes(Path.Combine(Folder, CodeViewFileName(Name)), "BSJB garbage"u8.ToArray());

        var symbols = SymbolsOfRun(path);

        Assert.That(symbols.HasSymbols, Is.True, symbols.MissingReason);
        Assert.That(symbols.PdbOrigin, Is.EqualTo(Path.Combine(Folder, Name + ".pdb")));
    }

    [Test]
    public void WithoutAnyPdbTheReasonListsEveryPlaceTried()
    {
        var symbols = SymbolsOfRun(Write(PdbPlacement.None));

        Assert.That(symbols.HasSymbols, Is.False);
        Assert.That(symbols.MissingReason, Does.StartWith("no portable PDB: "));
        Assert.That(symbols.MissingReason, Does.Contain(Path.Combine(Folder, CodeViewFileName(Name)) + ": not found"));
        Assert.That(symbols.MissingReason, Does.Contain(Path.Combine(Folder, Name + ".pdb") + ": not found"));
    }

    [Test]
    public void AnAssemblyLoadedFromBytesHasNoSymbolsEvenWithAPdbBesideTheFile()
    {
        var path = Write(PdbPlacement.BesideAssemblyName);

        var symbols = MethodSymbols.For(LoadRunFromBytes(path));

        Assert.That(symbols.HasSymbols, Is.False);
        Assert.That(symbols.MissingReason, Does.Contain("no file location"));
        Assert.That(symbols.LocalName(3), Is.EqualTo("local3"));
    }

    [Test]
    public void AModuleLooksForItsPdbOnlyOnce()
    {
        var path = Write(PdbPlacement.None);
        var run = LoadRun(path);
        var before = MethodSymbols.For(run);
        File.WriteAllBytes(Path.Combine(Folder, Name + ".pdb"), PdbBytes(Name, NowhereDocument, SourceText));

        var after = MethodSymbols.For(run);

        Assert.That(before.HasSymbols, Is.False);
        Assert.That(after.HasSymbols, Is.False, "the module's result is cached, not searched for on every read");
        Assert.That(after.MissingReason, Is.EqualTo(before.MissingReason));
    }

    [Test]
    public void ManyThreadsReadingAFreshModuleShareOneOpenPdb()
    {
        var run = LoadRun(Write(PdbPlacement.Embedded, SourceEmbedding.Deflate));
        using var start = new ManualResetEventSlim();
        var results = new MethodSymbols[8];
        var pdbs = new object?[8];
        var threads = Enumerable.Range(0, 8).Select(i => new Thread(() =>
        {
            start.Wait();
            results[i] = MethodSymbols.For(run);
            pdbs[i] = ModuleSymbols.For(run.Module).Pdb;
        })).ToArray();

        foreach (var thread in threads)
        {
            thread.Start();
        }

        start.Set();
        foreach (var thread in threads)
        {
            thread.Join();
        }

        Assert.That(results.All(r => r.HasSymbols && r.LocalName(1) == "second" && r.SourceLine(6) == SourceLines[5]), Is.True);
        Assert.That(pdbs.Distinct().Count(), Is.EqualTo(1));
        Assert.That(pdbs[0], Is.Not.Null);
    }
}
