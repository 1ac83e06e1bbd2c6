using Diagnose.Hooks;
using Diagnose.Symbols;
using Diagnose.Tests.Expressions;
using Diagnose.Tests.Symbols;
using NUnit.Framework;

namespace Diagnose.Tests.Hooks;

/// <summary>
/// <c>hotspots</c> in the default mode: its members only read the method's PDB (lines, the source's name and text), so
/// expressions call them, by their C# names or diagnose's lower-case ones.
/// </summary>
public sealed class HotspotsTests
{
    private static readonly int SlowLine = SymbolFixtures.LineOf("slow line");

    private static TestScope Scope()
    {
        var symbols = MethodSymbols.For(typeof(SymbolFixtures).GetMethod(nameof(SymbolFixtures.SlowLine))!);
        var hotspots = new Hotspots(symbols, new Dictionary<int, LineTiming> { [SlowLine] = new(1, 0.25, 0.25) });
        return new TestScope().With("hotspots", hotspots);
    }

    private static string SlowText => File.ReadAllLines(SymbolFixtures.SourceFile)[SlowLine - 1];

    [TestCase("hotspots.Source(hotspots.Worst.Line.Value)")]
    [TestCase("hotspots.source(hotspots.worst.line.Value)")]
    public void TheSourceOfALineIsReadInTheDefaultMode(string source) =>
        Assert.That(Scope().Evaluate(source), Is.EqualTo(SlowText));

    [TestCase("hotspots.Filename")]
    [TestCase("hotspots.filename")]
    public void TheFilenameIsReadInTheDefaultMode(string source) =>
        Assert.That(Scope().Evaluate(source), Is.EqualTo(SymbolFixtures.SourceFile));

    [Test]
    public void TheLowerCaseNamesReachTheWorstLineAndItsTime()
    {
        var scope = Scope();
        Assert.That(scope.Evaluate("hotspots.worst.line"), Is.EqualTo(SlowLine));
        Assert.That(scope.Evaluate("hotspots.slowest.time"), Is.EqualTo(0.25));
        Assert.That(scope.Evaluate("hotspots.calls[hotspots.worst.line.Value].count"), Is.EqualTo(1));
    }

    [Test]
    public void AMemberHotspotsLacksIsNamedAfterHotspots() =>
        Assert.That(Scope().ErrorOf("hotspots.nope"), Is.EqualTo("'hotspots' does not have a member 'nope' at 9 in \"hotspots.nope\""));
}
