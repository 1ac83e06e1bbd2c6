using System.Net;
using System.Security;
using System.Security.Cryptography;
using Diagnose.Redaction;
using NUnit.Framework;

namespace Diagnose.Tests.Redaction;

public sealed class TypeRuleTests
{
    private static readonly TypeRule BuiltIn = new(TypeRule.BuiltIn);

    [Test]
    public void SecureStringsCredentialsAndKeysAreRedactedTypes()
    {
        using var rsa = RSA.Create();
        using var ecdsa = ECDsa.Create();
        using var aes = Aes.Create();
        using var hmac = new HMACSHA256();

        Assert.That(BuiltIn.Matches(typeof(SecureString)), Is.True);
        Assert.That(BuiltIn.Matches(typeof(NetworkCredential)), Is.True);
        Assert.That(BuiltIn.Matches(rsa.GetType()), Is.True, rsa.GetType().FullName);
        Assert.That(BuiltIn.Matches(ecdsa.GetType()), Is.True, ecdsa.GetType().FullName);
        Assert.That(BuiltIn.Matches(aes.GetType()), Is.True, aes.GetType().FullName);
        Assert.That(BuiltIn.Matches(hmac.GetType()), Is.True);
        Assert.That(BuiltIn.Matches(typeof(RSAParameters)), Is.True);
        Assert.That(BuiltIn.Matches(typeof(System.Net.Http.Headers.AuthenticationHeaderValue)), Is.True);
    }

    [Test]
    public void OrdinaryTypesAreNot()
    {
        Assert.That(BuiltIn.Matches(typeof(string)), Is.False);
        Assert.That(BuiltIn.Matches(typeof(List<int>)), Is.False);
        Assert.That(BuiltIn.Matches(typeof(SHA256)), Is.False, "an unkeyed hash holds no secret");
        Assert.That(BuiltIn.Matches(typeof(Uri)), Is.False);
    }

    [Test]
    public void APatternMatchesFullNamesOfTheTypeAndItsBaseTypes()
    {
        var rule = new TypeRule(["Diagnose.Tests.Redaction.Secrets.*"]);

        Assert.That(rule.Matches(typeof(Secrets.ApiCredentials)), Is.True);
        Assert.That(rule.Matches(typeof(Secrets.Vault.Entry)), Is.True, "nested namespaces and types");
        Assert.That(rule.Matches(typeof(DerivedCredentials)), Is.True, "a subclass of a matching type");
        Assert.That(rule.Matches(typeof(Secrets.Box<int>)), Is.True, "a generic type by its definition");
        Assert.That(rule.Matches(typeof(TypeRuleTests)), Is.False);
    }

    [Test]
    public void AnExactNameMatchesThatTypeOnly()
    {
        var rule = new TypeRule(["Diagnose.Tests.Redaction.Secrets.ApiCredentials"]);

        Assert.That(rule.Matches(typeof(Secrets.ApiCredentials)), Is.True);
        Assert.That(rule.Matches(typeof(Secrets.Vault.Entry)), Is.False);
    }

    [TestCase("MyApp.*", "MyApp.Secrets.Key", true)]
    [TestCase("MyApp.*", "MyAppX.Key", false)]
    [TestCase("*.Secret", "A.B.Secret", true)]
    [TestCase("*Token*", "MyApp.AccessTokenStore", true)]
    [TestCase("MyApp.Key?", "MyApp.Key1", true)]
    [TestCase("MyApp.Key?", "MyApp.Key", false)]
    [TestCase("MyApp.Key", "myapp.key", false)]
    public void GlobsTakeStarForAnyCharactersAndQuestionMarkForOne(string pattern, string name, bool matches)
    {
        Assert.That(TypeRule.Glob(pattern, name), Is.EqualTo(matches));
    }

    private sealed class DerivedCredentials : Secrets.ApiCredentials
    {
    }
}
