using System.Reflection;
using Diagnose.Symbols;
using NUnit.Framework;

namespace Diagnose.Tests.Symbols;

/// <summary>Locals, sequence points and source lines read from the test assembly's own PDB (the C# compiler's output).</summary>
public sealed class MethodSymbolsTests
{
    private static MethodInfo Fixture(string name) => typeof(SymbolFixtures).GetMethod(name)!;

    [Test]
    public void TheTestAssemblysOwnPdbIsFoundBesideIt()
    {
        var symbols = MethodSymbols.For(Fixture(nameof(SymbolFixtures.NestedScopes)));

        Assert.That(symbols.HasSymbols, Is.True, symbols.MissingReason);
        Assert.That(symbols.MissingReason, Is.Null);
        Assert.That(symbols.PdbOrigin, Does.EndWith("Diagnose.Tests.pdb"));
        Assert.That(symbols.DocumentPath, Is.EqualTo(SymbolFixtures.SourceFile));
    }

    [Test]
    public void EachNameOfNestedScopesMapsToTheSlotOfItsDeclaredType()
    {
        var method = Fixture(nameof(SymbolFixtures.NestedScopes));
        var symbols = MethodSymbols.For(method);
        var slotTypes = method.GetMethodBody()!.LocalVariables.Select(v => v.LocalType).ToArray();
        var expected = new Dictionary<string, Type>
        {
            ["total"] = typeof(decimal),
            ["index"] = typeof(int),
            ["letter"] = typeof(char),
            ["word"] = typeof(string),
            ["length"] = typeof(double),
            ["reader"] = typeof(StringReader),
            ["firstLine"] = typeof(string),
            ["big"] = typeof(long),
            ["when"] = typeof(DateTime),
        };

        Assert.That(symbols.SlotCount, Is.EqualTo(slotTypes.Length));
        foreach (var (name, type) in expected)
        {
            var slot = symbols.SlotOf(name);
            Assert.That(slot, Is.Not.Null, name);
            Assert.That(slotTypes[slot!.Value], Is.EqualTo(type), name);
            Assert.That(symbols.LocalName(slot.Value), Is.EqualTo(name));
        }

        Assert.That(expected.Keys.Select(symbols.SlotOf).Distinct().Count(), Is.EqualTo(expected.Count), "a debug build gives every local its own slot");
    }

    [Test]
    public void ScopesOfLoopAndUsingVariablesLieInsideTheWholeBody()
    {
        var symbols = MethodSymbols.For(Fixture(nameof(SymbolFixtures.NestedScopes)));
        var total = symbols.Locals.Single(l => l.Name == "total");
        var letter = symbols.Locals.Single(l => l.Name == "letter");
        var index = symbols.Locals.Single(l => l.Name == "index");
        var firstLine = symbols.Locals.Single(l => l.Name == "firstLine");
        var reader = symbols.Locals.Single(l => l.Name == "reader");

        Assert.That(total.ScopeStart, Is.Zero);
        Assert.That(total.ScopeEnd, Is.EqualTo(Fixture(nameof(SymbolFixtures.NestedScopes)).GetMethodBody()!.GetILAsByteArray()!.Length));
        Assert.That(letter.ScopeStart, Is.GreaterThanOrEqualTo(index.ScopeStart));
        Assert.That(letter.ScopeEnd, Is.LessThanOrEqualTo(index.ScopeEnd));
        Assert.That(firstLine.ScopeStart, Is.GreaterThanOrEqualTo(reader.ScopeStart));
        Assert.That(firstLine.ScopeEnd, Is.LessThanOrEqualTo(reader.ScopeEnd));
        Assert.That(symbols.Locals.Where(l => !l.IsHidden).Select(l => l.Name), Does.Not.Contain("CS$<>8__locals0"));
    }

    [Test]
    public void ANameDeclaredInTwoSiblingLoopsReadsTheLaterLoopsSlotAtExit()
    {
        var method = Fixture(nameof(SymbolFixtures.NestedScopes));
        var symbols = MethodSymbols.For(method);
        var declarations = symbols.Locals.Where(l => l.Name == "i").ToArray();
        var slotTypes = method.GetMethodBody()!.LocalVariables.Select(v => v.LocalType).ToArray();

        Assert.That(declarations, Has.Length.EqualTo(2));
        Assert.That(declarations.Select(d => slotTypes[d.Slot]), Is.EquivalentTo(new[] { typeof(int), typeof(long) }));
        Assert.That(slotTypes[symbols.SlotOf("i")!.Value], Is.EqualTo(typeof(long)), "the second loop (10L…) ran last");
        Assert.That(symbols.LocalsAtExit.Count(l => l.Name == "i"), Is.EqualTo(1));
        Assert.That(declarations.All(d => symbols.LocalName(d.Slot) == "i"), Is.True);
    }

    [Test]
    public void LocalsAtExitOfferEveryVisibleNameOnceInSlotOrder()
    {
        var symbols = MethodSymbols.For(Fixture(nameof(SymbolFixtures.NestedScopes)));
        var names = symbols.LocalsAtExit.Select(l => l.Name).ToArray();

        Assert.That(names, Is.Unique);
        Assert.That(names, Is.SupersetOf(new[] { "total", "index", "letter", "word", "length", "reader", "firstLine", "big", "i", "when" }));
        Assert.That(symbols.LocalsAtExit.Select(l => l.Slot), Is.Ordered);
        Assert.That(symbols.LocalsAtExit.Any(l => l.IsHidden), Is.False);
    }

    [Test]
    public void ASlotWithoutASourceNameIsCalledLocalAndItsNumber()
    {
        var symbols = MethodSymbols.For(Fixture(nameof(SymbolFixtures.NestedScopes)));
        var unnamed = Enumerable.Range(0, symbols.SlotCount).First(slot => symbols.Locals.All(l => l.Slot != slot));

        Assert.That(symbols.LocalName(unnamed), Is.EqualTo("local" + unnamed));
        Assert.That(symbols.SlotOf("local" + unnamed), Is.EqualTo(unnamed));
        Assert.That(symbols.SlotOf("local" + symbols.SlotCount), Is.Null);
        Assert.That(symbols.SlotOf("nosuchlocal"), Is.Null);
    }

    [Test]
    public void TheRuntimesILOffsetOfTheSlowLineMapsToItsSourceLine()
    {
        var site = SymbolFixtures.SlowLine(milliseconds: 20);
        var symbols = MethodSymbols.For(Fixture(nameof(SymbolFixtures.SlowLine)));
        var point = symbols.SequencePointAt(site.ILOffset);

        Assert.That(point, Is.Not.Null);
        Assert.That(point!.IsHidden, Is.False);
        Assert.That(point.StartLine, Is.EqualTo(SymbolFixtures.LineOf("slow line")));
        Assert.That(point.StartLine, Is.EqualTo(site.CompilerLine));
        Assert.That(point.StartLine, Is.EqualTo(site.RuntimeLine), "the runtime's own PDB reader agrees");
        Assert.That(point.DocumentPath, Is.EqualTo(SymbolFixtures.SourceFile));
    }

    [Test]
    public void SequencePointsAreInILOrderWithColumnsAndHiddenPointsFlagged()
    {
        var symbols = MethodSymbols.For(Fixture(nameof(SymbolFixtures.NestedScopes)));
        var points = symbols.SequencePoints;
        var whenLine = SymbolFixtures.LineOf("when");
        var when = points.Single(p => p.StartLine == whenLine);

        Assert.That(points.Select(p => p.ILOffset), Is.Ordered.And.Unique);
        Assert.That(points.Where(p => p.IsHidden), Is.Not.Empty, "loops have hidden points");
        Assert.That(points.Where(p => p.IsHidden).All(p => p.StartLine == 0 && p.EndLine == 0), Is.True);
        Assert.That(when.StartColumn, Is.EqualTo(9));
        Assert.That(when.EndLine, Is.EqualTo(whenLine));
        Assert.That(when.EndColumn, Is.EqualTo("        var when = DateTime.UnixEpoch;".Length + 1));
        Assert.That(symbols.SequencePointAt(when.ILOffset), Is.SameAs(when));
        Assert.That(symbols.SequencePointAt(-1), Is.Null);
    }

    [Test]
    public void ALinesTextMatchesTheSourceFileOnDisk()
    {
        var symbols = MethodSymbols.For(Fixture(nameof(SymbolFixtures.SlowLine)));
        var line = SymbolFixtures.LineOf("slow line");

        Assert.That(symbols.SourceLine(line), Is.EqualTo(File.ReadAllLines(SymbolFixtures.SourceFile)[line - 1]));
        Assert.That(symbols.SourceLine(line), Does.Contain("Sleep(milliseconds)"));
        Assert.That(symbols.Source!.IsEmbedded, Is.False);
        Assert.That(symbols.SourceLine(0), Is.Null);
        Assert.That(symbols.SourceLine(symbols.Source.LineCount + 1), Is.Null);
    }

    [Test]
    public void AFrameworkMethodWithoutPdbGetsFallbackNamesAndAReason()
    {
        var method = typeof(Enumerable).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .First(m => !m.IsGenericMethodDefinition && m.GetMethodBody()?.LocalVariables.Count >= 2);
        var slotCount = method.GetMethodBody()!.LocalVariables.Count;

        var symbols = MethodSymbols.For(method);

        Assert.That(symbols.HasSymbols, Is.False);
        Assert.That(symbols.MissingReason, Does.StartWith("no portable PDB").And.Contain("not found"));
        Assert.That(symbols.Locals.Select(l => l.Name), Is.EqualTo(Enumerable.Range(0, slotCount).Select(i => "local" + i)));
        Assert.That(symbols.LocalsAtExit.Select(l => l.Slot), Is.EqualTo(Enumerable.Range(0, slotCount)));
        Assert.That(symbols.LocalName(1), Is.EqualTo("local1"));
        Assert.That(symbols.SlotOf("local1"), Is.EqualTo(1));
        Assert.That(symbols.SequencePoints, Is.Empty);
        Assert.That(symbols.DocumentPath, Is.Null);
        Assert.That(symbols.SourceLine(1), Is.Null);
    }

    [Test]
    public void ADynamicMethodHasNoSymbolsAndNoError()
    {
        var dynamic = new System.Reflection.Emit.DynamicMethod("Answer", typeof(int), Type.EmptyTypes);
        var il = dynamic.GetILGenerator();
        il.Emit(System.Reflection.Emit.OpCodes.Ldc_I4, 42);
        il.Emit(System.Reflection.Emit.OpCodes.Ret);

        var symbols = MethodSymbols.For(dynamic);

        Assert.That(symbols.HasSymbols, Is.False);
        Assert.That(symbols.MissingReason, Does.Contain("dynamic"));
        Assert.That(symbols.Locals, Is.Empty);
    }

    [Test]
    public void ReadingTheSameModuleAgainUsesTheOpenPdb()
    {
        var first = MethodSymbols.For(Fixture(nameof(SymbolFixtures.SlowLine)));
        var second = MethodSymbols.For(Fixture(nameof(SymbolFixtures.NestedScopes)));

        Assert.That(ModuleSymbols.For(typeof(SymbolFixtures).Module), Is.SameAs(ModuleSymbols.For(typeof(SymbolFixtures).Module)));
        Assert.That(ModuleSymbols.For(typeof(SymbolFixtures).Module).Pdb, Is.SameAs(ModuleSymbols.For(typeof(SymbolFixtures).Module).Pdb));
        Assert.That(first.Source, Is.SameAs(second.Source), "one document, read once");
    }
}
