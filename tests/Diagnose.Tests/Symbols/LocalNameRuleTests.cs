using Diagnose.Symbols;
using NUnit.Framework;
using static Diagnose.Tests.Symbols.SyntheticAssembly;

namespace Diagnose.Tests.Symbols;

/// <summary>
/// Slots reused under two names and names declared twice, as release builds produce them (written by hand in the
/// synthetic assembly's PDB; see <see cref="SyntheticAssembly"/> for its scopes).
/// </summary>
public sealed class LocalNameRuleTests : SyntheticAssemblyFixture
{
    private MethodSymbols Symbols() => SymbolsOfRun(Write(PdbPlacement.Embedded, SourceEmbedding.Deflate));

    [Test]
    public void EveryDeclarationOfEveryScopeIsListedWithItsScope()
    {
        var locals = Symbols().Locals.Select(l => (l.Slot, l.Name, l.ScopeStart, l.ScopeEnd)).ToArray();

        Assert.That(locals, Is.EquivalentTo(new[]
        {
            (0, "total", 0, RootEnd), (4, "CS$<>8__locals0", 0, RootEnd), (5, "temp", 0, RootEnd),
            (1, "first", 2, 4), (1, "second", 4, 8), (2, "i", 4, 8), (3, "i", 8, 10),
        }));
    }

    [Test]
    public void AReusedSlotKeepsBothNamesAndIsNamedAfterTheScopeThatRanLast()
    {
        var symbols = Symbols();

        Assert.That(symbols.SlotOf("first"), Is.EqualTo(1));
        Assert.That(symbols.SlotOf("second"), Is.EqualTo(1));
        Assert.That(symbols.LocalName(1), Is.EqualTo("second"));
        Assert.That(symbols.Locals.Where(l => l.Slot == 1).All(l => l.SharesSlot), Is.True);
        Assert.That(symbols.Locals.Where(l => l.Slot != 1).Any(l => l.SharesSlot), Is.False);
    }

    [Test]
    public void ANameDeclaredInTwoScopesReadsTheScopeThatEndsLast()
    {
        var symbols = Symbols();

        Assert.That(symbols.SlotOf("i"), Is.EqualTo(3));
        Assert.That(symbols.LocalName(2), Is.EqualTo("i"), "slot 2 still has its own name");
    }

    [Test]
    public void HiddenAndCompilerGeneratedLocalsAreFlaggedAndNeverOfferedByName()
    {
        var symbols = Symbols();

        Assert.That(symbols.Locals.Where(l => l.IsHidden).Select(l => l.Name), Is.EquivalentTo(new[] { "CS$<>8__locals0", "temp" }));
        Assert.That(symbols.SlotOf("temp"), Is.Null);
        Assert.That(symbols.SlotOf("CS$<>8__locals0"), Is.Null);
        Assert.That(symbols.LocalName(4), Is.EqualTo("local4"));
        Assert.That(symbols.LocalName(5), Is.EqualTo("local5"));
        Assert.That(symbols.SlotOf("local5"), Is.EqualTo(5));
    }

    [Test]
    public void TheEndEventOffersEachVisibleNameOnce()
    {
        var exit = Symbols().LocalsAtExit.Select(l => (l.Name, l.Slot));

        Assert.That(exit, Is.EqualTo(new[] { ("total", 0), ("first", 1), ("second", 1), ("i", 3) }));
    }

    [Test]
    public void AnILOffsetMapsToTheSequencePointWhoseSpanHoldsIt()
    {
        var symbols = Symbols();

        Assert.That(symbols.SequencePoints.Select(p => p.ILOffset), Is.EqualTo(new[] { 0, 2, 4, 8, 10, 11 }));
        Assert.That(symbols.SequencePointAt(3)!.StartLine, Is.EqualTo(7));
        Assert.That(symbols.SequencePointAt(7)!.StartLine, Is.EqualTo(8));
        Assert.That(symbols.SequencePointAt(10)!.IsHidden, Is.True);
        Assert.That(symbols.SequencePointAt(12)!.StartLine, Is.EqualTo(10));
        Assert.That(symbols.SequencePointAt(3)!.StartColumn, Is.EqualTo(9));
        Assert.That(symbols.SequencePointAt(3)!.EndColumn, Is.EqualTo(SourceLines[6].Length + 1));
    }

    [Test]
    public void AScopeReachingTheEndOfTheBodyWinsOverAnyEarlierScope()
    {
        var early = new LocalSymbol(1, "x", false, 2, 6, false);
        var root = new LocalSymbol(2, "x", false, 0, 20, false);
        var innerLate = new LocalSymbol(3, "x", false, 10, 14, false);
        var outerLate = new LocalSymbol(4, "x", false, 8, 14, false);

        Assert.That(LocalNameRule.ByName([early, innerLate, root])["x"], Is.EqualTo(root));
        Assert.That(LocalNameRule.ByName([early, innerLate])["x"], Is.EqualTo(innerLate));
        Assert.That(LocalNameRule.ByName([outerLate, innerLate])["x"], Is.EqualTo(innerLate), "same end: the inner scope");
    }
}
