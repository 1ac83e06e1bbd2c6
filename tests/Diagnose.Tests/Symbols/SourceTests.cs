using System.Text;
using Diagnose.Symbols;
using NUnit.Framework;
using static Diagnose.Tests.Symbols.SyntheticAssembly;

namespace Diagnose.Tests.Symbols;

/// <summary>The text of a line: embedded in the PDB, or from the file on disk when it is the one compiled.</summary>
public sealed class SourceTests : SyntheticAssemblyFixture
{
    [TestCase(true, TestName = "EmbeddedDeflatedSourceGivesTheLinesWhenNoFileExists")]
    [TestCase(false, TestName = "EmbeddedRawSourceGivesTheLinesWhenNoFileExists")]
    public void EmbeddedSourceGivesTheLinesWhenNoFileExists(bool compressed)
    {
        var symbols = SymbolsOfRun(Write(PdbPlacement.Embedded, compressed ? SourceEmbedding.Deflate : SourceEmbedding.Raw));

        Assert.That(symbols.DocumentPath, Is.EqualTo(NowhereDocument));
        Assert.That(symbols.Source!.IsEmbedded, Is.True);
        Assert.That(symbols.SourceLine(8), Is.EqualTo("        { int second = total; int i = second; }"));
        Assert.That(Enumerable.Range(1, SourceLines.Length).Select(symbols.SourceLine), Is.EqualTo(SourceLines));
    }

    [Test]
    public void EmbeddedSourceIsPreferredOverTheFileOnDisk()
    {
        var document = Path.Combine(Folder, "Calc.cs");
        File.WriteAllText(document, "// another text\n// on disk\n");

        var symbols = SymbolsOfRun(Write(PdbPlacement.BesideAssemblyName, SourceEmbedding.Deflate, document));

        Assert.That(symbols.Source!.IsEmbedded, Is.True);
        Assert.That(symbols.SourceLine(1), Is.EqualTo("namespace Synthetic;"));
    }

    [Test]
    public void TheFileOnDiskGivesTheLinesWhenItsChecksumMatches()
    {
        var document = Path.Combine(Folder, "Calc.cs");
        File.WriteAllText(document, SourceText, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));

        var symbols = SymbolsOfRun(Write(PdbPlacement.BesideAssemblyName, SourceEmbedding.None, document));

        Assert.That(symbols.Source!.IsEmbedded, Is.False);
        Assert.That(symbols.Source.MissingReason, Is.Null);
        Assert.That(symbols.SourceLine(10), Is.EqualTo("        return total;"));
    }

    [Test]
    public void AnEditedFileOnDiskIsNotUsedBecauseItsLinesWouldBeWrong()
    {
        var document = Path.Combine(Folder, "Calc.cs");
        var symbols = SymbolsOfRun(Write(PdbPlacement.BesideAssemblyName, SourceEmbedding.None, document));
        File.WriteAllText(document, "// a line inserted after the build\n" + SourceText);

        Assert.That(symbols.SourceLine(10), Is.Null);
        Assert.That(symbols.Source!.IsAvailable, Is.False);
        Assert.That(symbols.Source.MissingReason, Does.Contain("checksum mismatch"));
    }

    [Test]
    public void WithoutEmbeddedSourceOrAFileTheLineIsNullWithAReason()
    {
        var symbols = SymbolsOfRun(Write(PdbPlacement.Embedded));

        Assert.That(symbols.HasSymbols, Is.True);
        Assert.That(symbols.SourceLine(6), Is.Null);
        Assert.That(symbols.Source!.MissingReason, Does.Contain("no file at the document's path"));
    }

    [Test]
    public void LinesAreCountedLikeTheCompilerDoes()
    {
        var lines = SourceDocument.SplitLines("a\r\nb\rc\nd\u0085e\u2028f\u2029g");

        Assert.That(lines, Is.EqualTo(new[] { "a", "b", "c", "d", "e", "f", "g" }));
        Assert.That(SourceDocument.SplitLines("last\n"), Is.EqualTo(new[] { "last", "" }));
    }

    [Test]
    public void AByteOrderMarkIsNotPartOfTheFirstLine()
    {
        var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true).GetPreamble().Concat(Encoding.UTF8.GetBytes("first\nsecond")).ToArray();
        var utf16 = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("premier\nsecond")).ToArray();

        Assert.That(SourceDocument.FromBytes("x.cs", bytes, isEmbedded: true).Line(1), Is.EqualTo("first"));
        Assert.That(SourceDocument.FromBytes("x.cs", utf16, isEmbedded: true).Line(1), Is.EqualTo("premier"));
    }
}
