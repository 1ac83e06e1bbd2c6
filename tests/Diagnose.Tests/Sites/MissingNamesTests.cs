using Diagnose.Rewriting;
using Diagnose.Sites;
using Diagnose.Symbols;
using Diagnose.Tests.Symbols;
using NUnit.Framework;
using static Diagnose.Tests.Symbols.SyntheticAssembly;

namespace Diagnose.Tests.Sites;

/// <summary>
/// The hint an unknown name gets: a local used outside the end event, a method without symbols, a name the source has
/// but an optimised build dropped. The synthetic assembly has no DebuggableAttribute, like a Release build.
/// </summary>
public sealed class MissingNamesTests : SyntheticAssemblyFixture
{
    // Line 7 declares "doubled", which the PDB does not list (as when the compiler drops a local it does not need).
    private static readonly string Source = string.Join("\n", SourceLines.Select((l, i) => i == 6 ? "        { int first = total; int doubled = first * 2; }" : l)) + "\n";

    private MethodSymbols Symbols(PdbPlacement placement = PdbPlacement.Embedded) =>
        MethodSymbols.For(LoadRun(SyntheticAssembly.Write(Folder, Name, placement, SourceEmbedding.Deflate, NowhereDocument, Source)));

    [Test]
    public void ALocalOutsideTheEndEventIsSaidToBeReadThere() =>
        Assert.That(MissingNames.Explain("first", InstrumentEvent.Return, Symbols()), Is.EqualTo("locals are read on the end event only (--event end)"));

    [Test]
    public void ANameInTheSourceThatIsNotALocalOfAnOptimisedBuildIsSaidToBeDropped()
    {
        var hint = MissingNames.Explain("doubled", InstrumentEvent.End, Symbols());

        Assert.That(hint, Is.EqualTo($"'doubled' is in the method's source but not among its locals: {Name} is an optimised (Release) build, whose compiler drops locals it does not need (parameters are always there); compute the value from the parameters, or probe a Debug build"));
    }

    [Test]
    public void OnTheReturnEventADroppedLocalGetsBothHints() =>
        Assert.That(MissingNames.Explain("doubled", InstrumentEvent.Return, Symbols()), Does.StartWith("locals are read on the end event only (--event end); 'doubled' is in the method's source"));

    [Test]
    public void ANameFoundNowhereGetsNoHint() =>
        Assert.That(MissingNames.Explain("nosuch", InstrumentEvent.End, Symbols()), Is.Null);

    [Test]
    public void WithoutSymbolsTheLocalsFallbackNamesAreGiven()
    {
        var hint = MissingNames.Explain("total", InstrumentEvent.End, Symbols(PdbPlacement.None));

        Assert.That(hint, Does.StartWith("the method has no symbols (").And.EndWith("), so its locals are named local0 to local5; put the PDB beside the assembly for their source names"));
    }

    [Test]
    public void ADebugBuildIsNotOptimised() =>
        Assert.That(MissingNames.IsOptimised(typeof(SymbolFixtures).GetMethod(nameof(SymbolFixtures.NestedScopes))!), Is.False);
}
