using Diagnose.Protocol.Naming;
using NUnit.Framework;

namespace Diagnose.Tests.Protocol.Naming;

public sealed class SpellingTests
{
    private static readonly string[] Methods = ["Submit", "Summary", "Cancel", "Add13", "Square", "SubmitAsync"];

    [TestCase("Submitt", "Submit")]    // one extra
    [TestCase("Sumbit", "Submit")]     // two neighbours swapped
    [TestCase("submit", "Submit")]     // case
    [TestCase("Ad13", "Add13")]        // one missing
    [TestCase("Cancle", "Cancel")]
    public void AOneEditTypoFindsTheName(string written, string expected) =>
        Assert.That(Spelling.Closest(written, Methods), Does.Contain(expected).And.Property("Count").LessThanOrEqualTo(3));

    [Test]
    public void TheClosestComesFirst() =>
        Assert.That(Spelling.Closest("Submita", Methods), Is.EqualTo(new[] { "Submit" }));

    [TestCase("Nope")]
    [TestCase("Checkout")]
    [TestCase("")]
    public void NothingCloseGivesNothing(string written) =>
        Assert.That(Spelling.Closest(written, Methods), Is.Empty);

    [Test]
    public void LongerNamesAllowMoreEdits() =>
        Assert.That(Spelling.Closest("Shop.Ordrs.Sumbit", ["Shop.Orders.Submit", "Shop.Other"]), Is.EqualTo(new[] { "Shop.Orders.Submit" }));

    [Test]
    public void AtMostThreeAndEachOnce() =>
        Assert.That(Spelling.Closest("ab", ["aa", "ab", "ac", "ad", "ab"]), Is.EqualTo(new[] { "ab", "aa", "ac" }));

    [TestCase(new string[0], "")]
    [TestCase(new[] { "a" }, "a")]
    [TestCase(new[] { "a", "b" }, "a or b")]
    [TestCase(new[] { "a", "b", "c" }, "a, b or c")]
    public void AlternativesReadAsASentence(string[] names, string expected) =>
        Assert.That(Spelling.Alternatives(names), Is.EqualTo(expected));

    [TestCase("kitten", "sitting", 3)]
    [TestCase("abcd", "abdc", 1)]
    [TestCase("same", "SAME", 0)]
    public void TheDistanceCountsEdits(string a, string b, int expected) =>
        Assert.That(Spelling.Distance(a, b, limit: 10), Is.EqualTo(expected));

    [Test]
    public void ADistanceOverTheLimitStopsAtLimitPlusOne() =>
        Assert.That(Spelling.Distance("aaaaaaaa", "bbbbbbbb", limit: 2), Is.EqualTo(3));
}
