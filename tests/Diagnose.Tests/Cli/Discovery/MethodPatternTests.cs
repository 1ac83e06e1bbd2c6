using Diagnose.Cli.Discovery;
using NUnit.Framework;

namespace Diagnose.Tests.Cli.Discovery;

/// <summary>What a <c>methods</c> pattern selects: substrings and globs of names (case ignored), source files by path suffix.</summary>
public sealed class MethodPatternTests
{
    [Test]
    public void ASubstringMatchesAnywhereInTheNameAndNestedTypesReadWithADot()
    {
        var pattern = MethodPattern.Parse("orders.sub");
        Assert.That(pattern.MatchesName(["Shop.Orders.Submit"]), Is.True);
        Assert.That(MethodPattern.Parse("Outer.Inner.Run").MatchesName(["Ns.Outer+Inner.Run"]), Is.True);
        Assert.That(pattern.MatchesName(["Shop.Cart.Submit"]), Is.False);
    }

    [Test]
    public void AGlobMatchesTheWholeName()
    {
        Assert.That(MethodPattern.Parse("*Checkout*").MatchesName(["Sample.Checkout.Submit"]), Is.True);
        Assert.That(MethodPattern.Parse("Checkout*").MatchesName(["Sample.Checkout.Submit"]), Is.False);
        Assert.That(MethodPattern.Parse("Sample.?alculator.*").MatchesName(["Sample.Calculator.Add13"]), Is.True);
    }

    [Test]
    public void ASourceFileMatchesThePathSuffixOfTheDocument()
    {
        var pattern = MethodPattern.Parse("Program.cs");
        Assert.That(pattern.IsFile, Is.True);
        Assert.That(pattern.MatchesFile("/src/app/Program.cs"), Is.True);
        Assert.That(pattern.MatchesFile("/src/app/MyProgram.cs"), Is.False);
        Assert.That(MethodPattern.Parse("app/Program.cs").MatchesFile("/src/app/Program.cs"), Is.True);
        Assert.That(MethodPattern.Parse("*.cs").MatchesFile("/src/app/Orders.cs"), Is.True);
    }

    [Test]
    public void FrameworkAssembliesAreReadOnlyWhenThePatternNamesThem()
    {
        Assert.That(MethodPattern.Parse("System.String.Join").NamesFramework, Is.True);
        Assert.That(MethodPattern.Parse("[System.Text.Json]Serialize").NamesFramework, Is.True);
        Assert.That(MethodPattern.Parse("Sample.Checkout").NamesFramework, Is.False);
        Assert.That(MethodPattern.Parse("[Sample]Checkout").MayMatchAssembly("System.Runtime"), Is.False);
    }
}
