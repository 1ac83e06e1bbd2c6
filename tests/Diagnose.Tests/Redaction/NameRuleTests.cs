using Diagnose.Redaction;
using NUnit.Framework;

namespace Diagnose.Tests.Redaction;

public sealed class NameRuleTests
{
    private static readonly NameRule BuiltIn = new(DenyList.BuiltIn);

    [Test]
    public void TheBuiltInListHasAtLeastEightyDistinctNames()
    {
        Assert.That(BuiltIn.Names, Has.Count.GreaterThanOrEqualTo(80));
        Assert.That(DenyList.BuiltIn, Is.Unique);
        Assert.That(BuiltIn.Names, Is.SupersetOf(new[]
        {
            "password", "passwd", "pwd", "secret", "token", "apikey", "accesstoken", "refreshtoken", "authorization",
            "bearer", "cookie", "sessionid", "jwt", "privatekey", "clientsecret", "connectionstring", "creditcard",
            "cardnumber", "cvv", "ssn", "iban", "pin", "otp",
        }));
    }

    [TestCase("Api_Key", "apikey")]
    [TestCase("X-Api-Key", "xapikey")]
    [TestCase("access.token", "accesstoken")]
    [TestCase("$Pass@Word", "password")]
    [TestCase("Db:Password", "db:password")]
    public void NormalisingLowersTheCaseAndRemovesUnderscoresDashesDotsDollarsAndAts(string name, string normalised)
    {
        Assert.That(NameRule.Normalise(name), Is.EqualTo(normalised));
    }

    [TestCase("userPassword", new[] { "user", "password" })]
    [TestCase("X-Api-Key", new[] { "x", "api", "key" })]
    [TestCase("HTTPHeader2", new[] { "http", "header", "2" })]
    [TestCase("AWS_SECRET_ACCESS_KEY", new[] { "aws", "secret", "access", "key" })]
    [TestCase("spinner", new[] { "spinner" })]
    public void WordsSplitAtSeparatorsCaseChangesAndDigits(string name, string[] words)
    {
        Assert.That(NameRule.Words(name), Is.EqualTo(words));
    }

    [TestCase("password")]
    [TestCase("Password")]
    [TestCase("PASSWORD")]
    [TestCase("Api_Key")]
    [TestCase("X-Api-Key")]
    [TestCase("access.token")]
    [TestCase("accessToken")]
    [TestCase("userPassword")]
    [TestCase("dbPassword")]
    [TestCase("passwordHash")]
    [TestCase("DB_PASSWORD")]
    [TestCase("dbpassword")]
    [TestCase("client_secret")]
    [TestCase("AWS_SECRET_ACCESS_KEY")]
    [TestCase("Authorization")]
    [TestCase("Set-Cookie")]
    [TestCase("pin")]
    [TestCase("PIN")]
    [TestCase("pinCode")]
    [TestCase("userPin")]
    [TestCase("card_number")]
    [TestCase("cvv2")]
    [TestCase("otpCode")]
    [TestCase("_token")]
    [TestCase("refreshToken")]
    public void SensitiveNamesMatch(string name)
    {
        Assert.That(BuiltIn.Matches(name), Is.True, name);
    }

    [TestCase("spinner")]
    [TestCase("shipping")]
    [TestCase("pinned")]
    [TestCase("isPinned")]
    [TestCase("maxTokens")]
    [TestCase("tokenizer")]
    [TestCase("author")]
    [TestCase("passed")]
    [TestCase("region")]
    [TestCase("total")]
    [TestCase("user")]
    [TestCase("")]
    [TestCase("__")]
    public void OrdinaryNamesAndShortListedNamesInsideOtherWordsDoNotMatch(string name)
    {
        Assert.That(BuiltIn.Matches(name), Is.False, name);
    }

    [Test]
    public void AddedNamesAreNormalisedAndMatchByTheSameRule()
    {
        var rule = new NameRule(["Customer_Ref", "iid"]);

        Assert.That(rule.Matches("customerRef"), Is.True);
        Assert.That(rule.Matches("customer-ref"), Is.True);
        Assert.That(rule.Matches("oldCustomerRefValue"), Is.True, "6 characters or more match inside a name");
        Assert.That(rule.Matches("userIid"), Is.True);
        Assert.That(rule.Matches("liid"), Is.False, "shorter names match only as whole words");
    }
}
