using Diagnose.Cli.Discovery;
using NUnit.Framework;

namespace Diagnose.Tests.Cli.Discovery;

/// <summary>"Did you mean …?" offers the closest names, by the whole name or its last segments, and nothing far.</summary>
public sealed class SuggestionsTests
{
    private static readonly string[] s_known = ["Sample.Checkout", "Sample.Checkout.Submit", "Sample.Hot", "Sample.Calculator", "Sample.Calculator.Add13"];

    [Test]
    public void AMisspeltNameFindsTheNameItMeant()
    {
        Assert.That(Suggestions.Closest("Sample.Chekout", s_known), Is.EqualTo(new[] { "Sample.Checkout" }));
        Assert.That(Suggestions.Closest("Chekout.Submit", s_known), Is.EqualTo(new[] { "Sample.Checkout.Submit" }));
        Assert.That(Suggestions.Closest("*calculater*", s_known), Is.EqualTo(new[] { "Sample.Calculator" }));
    }

    [Test]
    public void NothingCloseGivesNoSuggestion()
    {
        Assert.That(Suggestions.Closest("Inventory", s_known), Is.Empty);
        Assert.That(Suggestions.DidYouMean([]), Is.EqualTo(""));
    }

    [Test]
    public void SeveralSuggestionsReadAsASentence()
    {
        Assert.That(Suggestions.DidYouMean(["A", "B", "C"]), Is.EqualTo("; did you mean A, B or C?"));
    }
}
