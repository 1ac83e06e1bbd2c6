using Diagnose.Protocol.Channel;
using NUnit.Framework;

namespace Diagnose.Tests.Channel;

/// <summary>Long results travel in several events and are put together by the tool.</summary>
public sealed class ResultPartsTests
{
    [Test]
    public void AShortResultIsOnePart()
    {
        Assert.That(ResultParts.Split("{}"), Is.EqualTo(new[] { "{}" }));
        Assert.That(new ResultParts().Add("c", 0, 1, "{}"), Is.EqualTo("{}"));
    }

    [Test]
    public void ALongResultIsCutAndPutTogetherInAnyOrder()
    {
        var text = string.Concat(Enumerable.Range(0, 1000).Select(i => i.ToString()));
        var parts = ResultParts.Split(text, 100);
        var collector = new ResultParts();

        Assert.That(parts.All(p => p.Length <= 100), Is.True);
        string? whole = null;
        for (var i = parts.Count - 1; i >= 0; i--)
        {
            whole = collector.Add("c", i, parts.Count, parts[i]);
        }

        Assert.That(whole, Is.EqualTo(text));
    }

    [Test]
    public void ASurrogatePairIsNeverSplit()
    {
        var text = new string('a', 99) + "🙂" + new string('b', 50);

        var parts = ResultParts.Split(text, 100);

        Assert.That(parts[0], Is.EqualTo(new string('a', 99)));
        Assert.That(string.Concat(parts), Is.EqualTo(text));
        Assert.That(parts.All(p => !char.IsHighSurrogate(p[^1])), Is.True);
    }

    [Test]
    public void PartsOfOtherCommandsAndImpossiblePartsAreIgnored()
    {
        var collector = new ResultParts();

        Assert.That(collector.Add("a", 0, 2, "x"), Is.Null);
        Assert.That(collector.Add("b", 1, 2, "y"), Is.Null);
        Assert.That(collector.Add("a", 2, 2, "z"), Is.Null);
        Assert.That(collector.Add("a", -1, 2, "z"), Is.Null);
        Assert.That(collector.Add("a", 1, 2, "w"), Is.EqualTo("xw"));
    }
}
