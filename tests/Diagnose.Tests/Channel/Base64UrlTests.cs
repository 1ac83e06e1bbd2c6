using System.Text;
using Diagnose.Protocol.Channel;
using NUnit.Framework;

namespace Diagnose.Tests.Channel;

/// <summary>Command data is base64url so that EventPipe's "key=value;…" argument string carries it untouched.</summary>
public sealed class Base64UrlTests
{
    [TestCase("")]
    [TestCase("a")]
    [TestCase("ab")]
    [TestCase("abc")]
    [TestCase("{\"op\":\"set\",\"x\":\"é ü ∑ 🙂\"}")]
    public void TextRoundTrips(string text)
    {
        var encoded = Base64Url.Encode(Encoding.UTF8.GetBytes(text));

        Assert.That(Base64Url.TryDecode(encoded, out var bytes), Is.True);
        Assert.That(Encoding.UTF8.GetString(bytes), Is.EqualTo(text));
    }

    [Test]
    public void TheEncodingHasNoCharacterEventPipeTreatsSpecially()
    {
        var all = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();

        var encoded = Base64Url.Encode(all.Concat(all.Reverse()).ToArray());

        Assert.That(encoded.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'), Is.True, encoded);
    }

    [TestCase("a")]
    [TestCase("ab=c")]
    [TestCase("ab+c")]
    [TestCase("ab/c")]
    [TestCase("ab c")]
    [TestCase("abé")]
    public void OtherTextIsRefused(string text)
    {
        Assert.That(Base64Url.TryDecode(text, out _), Is.False);
    }
}
