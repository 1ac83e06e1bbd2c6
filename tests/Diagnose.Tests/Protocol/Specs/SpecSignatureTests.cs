using Diagnose.Cli.Sidecar;
using Diagnose.Protocol.Specs;
using NUnit.Framework;

namespace Diagnose.Tests.Protocol.Specs;

/// <summary>Signing specs and checking their signatures (HMAC-SHA256 over the canonical form).</summary>
public sealed class SpecSignatureTests
{
    private const string Document = """
        {"orders": {"target": "Sample.Checkout.Submit",
                    "instrument": {"type": "log", "name": "total", "value": "order.Total", "event": "return",
                                   "custom": {"tags": "new { r = order.Region }", "condition": "order.Total > 100", "depth": 3}},
                    "lifespan": 10, "lastmodified": "2026-11-22T10:00:00Z", "x-owner": "ops",
                    "applied": {"web-1:7": {"lm": "2026-11-22T10:00:00Z", "err": null}}}}
        """;

    private string _directory = null!;

    [SetUp]
    public void MakeDirectory() => _directory = Directory.CreateTempSubdirectory("diagnose-sign-").FullName;

    [TearDown]
    public void RemoveDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void ASignedSpecChecksOutWithItsKey()
    {
        var key = Key("a");
        var signed = Signed(key);

        Assert.That(SpecSignature.Refusal(key, signed), Is.Null);
        Assert.That(signed.Json.GetProperty("signature").GetString(), Does.Match("^hmac-sha256:[A-Za-z0-9+/]{43}=$"));
        Assert.That(signed.Applied.Keys, Is.EqualTo(new[] { "web-1:7" }), "entries are kept");
    }

    [Test]
    public void AChangedByteInAnyFieldFailsTheCheck()
    {
        var key = Key("a");
        var json = Signed(key).ToJson(indented: false);
        string[] changes = ["Sample.Checkout.Submit", "\"log\"", "\"total\"", "order.Total\"", "\"return\"", "new { r", "> 100", "\"depth\":3", "\"lifespan\":10", "10:00:00Z\",\"x", "\"ops\""];
        foreach (var change in changes)
        {
            Assert.That(json, Does.Contain(change));
            var altered = json.Replace(change, Alter(change), StringComparison.Ordinal);
            Assert.That(SpecSignature.Refusal(key, Read(altered)), Does.StartWith("spec 'orders': signature does not match"), change);
        }

        var added = json.Replace("\"x-owner\"", "\"extra\":true,\"x-owner\"", StringComparison.Ordinal);
        Assert.That(SpecSignature.Refusal(key, Read(added)), Does.Contain("signature does not match"), "a key added");
        var renamed = SpecSet.Parse($"{{\"other\": {Signed(key).ToJson()}}}")["other"];
        Assert.That(SpecSignature.Refusal(key, renamed), Does.Contain("signature does not match"), "the id is signed");
        Assert.That(SpecSignature.Refusal(Key("b"), Signed(key)), Does.Contain("signature does not match"), "another key");
    }

    [Test]
    public void KeyOrderWhitespaceNumberSpellingAndAppliedEntriesDoNotMatter()
    {
        var key = Key("a");
        var signature = Signed(key).Json.GetProperty("signature").GetString();
        var reordered = $$$"""
            { "applied": {"db-2:9": {"lm": null, "err": "x"}},  "x-owner" : "ops", "lastmodified":"2026-11-22T10:00:00Z", "lifespan": 10.0,
              "instrument": {"custom": {"depth": 3e0, "condition": "order.Total > 100", "tags": "new { r = order.Region }"},
                             "event": "return", "value": "order.Total", "name": "total", "type": "log"},
              "target": "Sample.Checkout.Submit", "signature": "{{{signature}}}" }
            """;

        Assert.That(SpecSignature.Refusal(key, Read(reordered)), Is.Null);
    }

    [Test]
    public void AnUnsignedSpecIsRefusedAsNotSigned()
    {
        Assert.That(SpecSignature.Refusal(Key("a"), SpecSet.Parse(Document)["orders"]), Does.StartWith("spec 'orders': spec is not signed"));
    }

    [Test]
    public void TheCanonicalFormIsSortedCompactAndLeavesOutWhatProcessesWriteBack()
    {
        var spec = SpecSet.Parse("""{"s": {"b": [1, 2.50, "q\"\\\n"], "a": {"z": null, "y": true}, "applied": {}, "signature": "x"}}""")["s"];

        var text = System.Text.Encoding.UTF8.GetString(SpecSignature.CanonicalForm("s", spec.Json));

        Assert.That(text, Is.EqualTo("""["s",{"a":{"y":true,"z":null},"b":[1,2.5,"q\"\\\u000a"]}]"""));
    }

    [Test]
    public void ARepeatedKeyCannotBeSigned()
    {
        var spec = SpecSet.Parse("""{"s": {"target": "A.B.C", "target": "D.E.F"}}""")["s"];

        Assert.That(() => SpecSignature.Sign(Key("a"), spec), Throws.TypeOf<FormatException>().With.Message.Contains("'target' appears more than once"));
    }

    [Test]
    public void TheSidecarHoldsBackRefusedSpecs()
    {
        var key = Key("a");
        var store = SpecSet.Parse("{\"orders\": " + Signed(key).ToJson() + """, "bad": {"target": "A.B.C", "instrument": {"type": "log", "name": "n", "value": "1"}}}""");

        var desired = DesiredSpecs.From(store, key);

        Assert.That(desired.Specs.Select(s => s.Id), Is.EqualTo(new[] { "orders" }));
        Assert.That(desired.Refused.Select(r => (r.Spec.Id, r.Error.Contains("spec is not signed"))), Is.EqualTo(new[] { ("bad", true) }));
    }

    [Test]
    public void AKeyFileThatCannotBeUsedSaysWhichAndWhatToDo()
    {
        var missing = Path.Combine(_directory, "none.key");
        var shortKey = Path.Combine(_directory, "short.key");
        var notBase64 = Path.Combine(_directory, "text.key");
        File.WriteAllText(shortKey, Convert.ToBase64String(new byte[16]));
        File.WriteAllText(notBase64, "secret secret!");

        Assert.That(() => SpecKey.Read(missing), Throws.TypeOf<InvalidDataException>().With.Message.StartsWith($"cannot read the key file {missing}").And.Message.Contains("openssl rand -base64 32"));
        Assert.That(() => SpecKey.Read(shortKey), Throws.TypeOf<InvalidDataException>().With.Message.Contains("is 16 bytes, too short"));
        Assert.That(() => SpecKey.Read(notBase64), Throws.TypeOf<InvalidDataException>().With.Message.Contains("does not hold base64 text").And.Message.Not.Contains("secret"));
        Assert.That(Key("a").ToString(), Does.Not.Contain(Convert.ToBase64String(Enumerable.Repeat((byte)'a', 32).ToArray())));
    }

    private static string Alter(string text)
    {
        var i = text.IndexOfAny("abcdefghijklmnopqrstuvwxyz0123456789>".ToCharArray());
        return text[..i] + (text[i] == 'z' ? 'y' : text[i] == '9' ? '8' : text[i] == '>' ? '<' : (char)(text[i] + 1)) + text[(i + 1)..];
    }

    private static Spec Read(string specJson) => SpecSet.Parse($"{{\"orders\": {specJson}}}")["orders"];

    private static Spec Signed(SpecKey key) => SpecSignature.Sign(key, SpecSet.Parse(Document)["orders"]);

    private SpecKey Key(string letter)
    {
        var path = Path.Combine(_directory, letter + ".key");
        File.WriteAllText(path, Convert.ToBase64String(Enumerable.Repeat((byte)letter[0], 32).ToArray()) + "\n");
        return SpecKey.Read(path);
    }
}
