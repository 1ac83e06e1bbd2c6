using Diagnose.Protocol.Channel;
using NUnit.Framework;

namespace Diagnose.Tests.Channel;

/// <summary>Tags travel as a JSON array; whatever arrives, reading them never fails.</summary>
public sealed class TagListTests
{
    [Test]
    public void TagsRoundTripWithCommasQuotesAndNonAscii()
    {
        IReadOnlyList<string> tags = ["region:eu", "name:\"a, b\"", "city:Zürich"];

        Assert.That(TagList.Parse(TagList.ToJson(tags)), Is.EqualTo(tags));
        Assert.That(TagList.ToJson([]), Is.EqualTo("[]"));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("{")]
    [TestCase("{\"a\":1}")]
    public void AnythingElseReadsAsNoTags(string? json)
    {
        Assert.That(TagList.Parse(json), Is.Empty);
    }
}
