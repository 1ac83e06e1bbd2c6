using System.Collections.ObjectModel;
using System.Net;
using System.Security;
using System.Security.Cryptography;
using Diagnose.Expressions;
using Diagnose.Redaction;
using NUnit.Framework;

namespace Diagnose.Tests.Redaction;

/// <summary>Run-time redaction: how ValueText renders values that hold secrets.</summary>
public sealed class ValueTextRedactionTests
{
    private Redactor _before = null!;

    [SetUp]
    public void UseBuiltInRules()
    {
        _before = Redactor.Current;
        Redactor.Use(new Redactor(RedactionSettings.None));
    }

    [TearDown]
    public void Restore() => Redactor.Use(_before);

    [Test]
    public void ADictionaryValueUnderASensitiveStringKeyIsRedacted()
    {
        var headers = new Dictionary<string, string> { ["Accept"] = "json", ["Authorization"] = "Bearer abc", ["X-Api-Key"] = "k1" };

        Assert.That(ValueText.Render(headers), Is.EqualTo("{Accept: json, Authorization: [redacted], X-Api-Key: [redacted]}"));
    }

    [Test]
    public void ReadOnlyDictionariesAndKeyValuePairsAreRedactedByKeyToo()
    {
        var settings = new ReadOnlyDictionary<string, object>(new Dictionary<string, object> { ["user"] = "bob", ["password"] = "hunter2" });
        var pairs = new List<KeyValuePair<string, string>> { new("user", "bob"), new("session_id", "s-1") };

        Assert.That(ValueText.Render(settings), Is.EqualTo("{user: bob, password: [redacted]}"));
        Assert.That(ValueText.Render(pairs), Is.EqualTo("[[user, bob], [session_id, [redacted]]]"));
    }

    [Test]
    public void NestedValuesAreRedactedAtEveryLevel()
    {
        var nested = new Dictionary<string, object> { ["logins"] = new[] { new Login("bob", "hunter2") }, ["meta"] = new Dictionary<string, int> { ["pin"] = 1234, ["n"] = 1 } };

        Assert.That(ValueText.Render(nested), Is.EqualTo("{logins: [Login { User = bob, Password = [redacted] }], meta: {pin: [redacted], n: 1}}"));
    }

    [Test]
    public void ARecordPrintsMemberByMemberWithSensitiveMembersRedacted()
    {
        Assert.That(ValueText.Render(new Login("bob", "hunter2")), Is.EqualTo("Login { User = bob, Password = [redacted] }"));
        Assert.That(ValueText.Render(new Wrapper(new Login("bob", "hunter2"), 3)), Is.EqualTo("Wrapper { Login = Login { User = bob, Password = [redacted] }, Attempts = 3 }"));
        Assert.That(ValueText.Render(new Header("h", "k-9")), Is.EqualTo("Header { Name = h, ApiKey = [redacted] }"));
    }

    [Test]
    public void ACSharpAnonymousObjectPrintsLikeCSharpsWithSensitiveMembersRedacted()
    {
        var value = new { User = "bob", Token = "t-1", Count = 2 };

        Assert.That(ValueText.Render(value), Is.EqualTo("{ User = bob, Token = [redacted], Count = 2 }"));
        Assert.That(ValueText.Render(new { }), Is.EqualTo(new { }.ToString()));
    }

    [Test]
    public void AnExpressionsAnonymousObjectIsRedactedMemberByMember()
    {
        var value = new AnonymousObject(["user", "apiKey", "n"], ["bob", "k-1", 3]);

        Assert.That(ValueText.Render(value), Is.EqualTo("{ user = bob, apiKey = [redacted], n = 3 }"));
        Assert.That(ValueText.Render(new AnonymousObject([], [])), Is.EqualTo("{ }"));
    }

    [Test]
    public void AnObjectWhoseToStringQuotesASensitiveFieldHasThatTextCutOut()
    {
        Assert.That(ValueText.Render(new Connection("db1", "hunter2")), Is.EqualTo("Connection to db1 with [redacted]"));
        Assert.That(ValueText.Render(new Account()), Is.EqualTo(typeof(Account).FullName), "no ToString of its own: nothing to cut");
    }

    [Test]
    public void ValuesOfRedactedTypesAreRedactedWhereverTheyAre()
    {
        using var secure = new SecureString();
        using var rsa = RSA.Create();

        Assert.That(ValueText.Render(new NetworkCredential("bob", "hunter2")), Is.EqualTo("[redacted]"));
        Assert.That(ValueText.Render(secure), Is.EqualTo("[redacted]"));
        Assert.That(ValueText.Render(rsa), Is.EqualTo("[redacted]"));
        Assert.That(ValueText.Render(new object[] { 1, new NetworkCredential("a", "b") }), Is.EqualTo("[1, [redacted]]"));
    }

    [Test]
    public void UserNamesAndTypesAreRedactedToo()
    {
        Redactor.Use(new Redactor(new RedactionSettings(["internalId"], ["Diagnose.Tests.Redaction.Secrets.*"])));

        Assert.That(ValueText.Render(new Dictionary<string, object> { ["internal_id"] = 5, ["id"] = 6 }), Is.EqualTo("{internal_id: [redacted], id: 6}"));
        Assert.That(ValueText.Render(new Secrets.ApiCredentials()), Is.EqualTo("[redacted]"));
        Assert.That(ValueText.Render(new Secrets.Box<int>(3)), Is.EqualTo("[redacted]"));
        Assert.That(ValueText.Render(new AnonymousObject(["InternalId"], [1])), Is.EqualTo("{ InternalId = [redacted] }"));
    }

    [Test]
    public void OrdinaryValuesRenderAsBefore()
    {
        Assert.That(ValueText.Render(12.5), Is.EqualTo("12.5"));
        Assert.That(ValueText.Render("password"), Is.EqualTo("password"), "a string is data, not a name");
        Assert.That(ValueText.Render(new[] { 1, 2 }), Is.EqualTo("[1, 2]"));
        Assert.That(ValueText.Render(new Dictionary<string, int> { ["spinner"] = 1 }), Is.EqualTo("{spinner: 1}"));
        Assert.That(ValueText.Render(null), Is.EqualTo("None"));
    }

    [Test]
    public void AValueFoundUnderASensitiveKeyIsRedactedWhateverItIs()
    {
        Assert.That(ValueText.Render("token", 42), Is.EqualTo("[redacted]"));
        Assert.That(ValueText.Render("region", "eu"), Is.EqualTo("eu"));
    }

    [Test]
    public void TagTextsWithASensitiveKeyKeepTheKeyOnly()
    {
        var redactor = Redactor.Current;

        Assert.That(redactor.RedactTag("password:hunter2"), Is.EqualTo("password:[redacted]"));
        Assert.That(redactor.RedactTag("region:eu"), Is.EqualTo("region:eu"));
        Assert.That(redactor.RedactTag("hunter2"), Is.EqualTo("hunter2"));
        Assert.That(Diagnose.Sites.Tags.From(new AnonymousObject(["region", "token"], ["eu", "t"])), Is.EqualTo(new[] { "region:eu", "token:[redacted]" }));
        Assert.That(Diagnose.Sites.Tags.From(new Dictionary<string, string> { ["cookie"] = "c" }), Is.EqualTo(new[] { "cookie:[redacted]" }));
        Assert.That(Diagnose.Sites.Tags.From(new[] { "jwt:abc", "a:b" }), Is.EqualTo(new[] { "jwt:[redacted]", "a:b" }));
    }
}
