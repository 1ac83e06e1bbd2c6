using System.Reflection;
using Diagnose.Expressions;
using Diagnose.Redaction;
using Diagnose.Sites;
using Diagnose.Tests.Expressions;
using NUnit.Framework;

namespace Diagnose.Tests.Redaction;

/// <summary>Compile-time redaction: expressions that read sensitive names are rewritten before they are bound.</summary>
public sealed class ExpressionRedactionTests
{
    private static readonly Redactor Rules = new(RedactionSettings.None);
    private static readonly MethodBase GetPassword = typeof(Accounts).GetMethod(nameof(Accounts.GetPassword))!;
    private static readonly MethodBase LoginMethod = typeof(Accounts).GetMethod(nameof(Accounts.Login))!;

    private static TestScope Scope() => new TestScope()
        .With("password", "hunter2")
        .With("user", "bob")
        .With("req", new Login("bob", "hunter2"))
        .With("conn", new Connection("db1", "hunter2"))
        .With("headers", new Dictionary<string, string> { ["Authorization"] = "Bearer x", ["Accept"] = "json" })
        .With("result", "r-1")
        .With("args", new object[] { "bob", "hunter2" })
        .With("spinner", 3);

    [TestCase("password")]
    [TestCase("req.Password")]
    [TestCase("req.Password.Length")]
    [TestCase("len(password)")]
    [TestCase("password.Substring(0, 2)")]
    [TestCase("headers[\"Authorization\"]")]
    [TestCase("headers.GetValueOrDefault(\"Authorization\")")]
    [TestCase("conn._password")]
    [TestCase("user + password")]
    [TestCase("new { pw = password }.ToString()")]
    [TestCase("req?.Password")]
    [TestCase("(object)password")]
    public void AValueThatReadsASensitiveNameIsRedactedWithoutBeingRead(string source)
    {
        var parsed = ExpressionRedaction.Value(ExpressionCompiler.Parse(source), null, Rules);

        Assert.That(Scope().Evaluate(parsed), Is.EqualTo("[redacted]"));
        Assert.That(parsed.FreeNames, Is.Empty, "nothing is captured for it");
        Assert.That(parsed.Source, Is.EqualTo(source), "errors still quote what the user wrote");
    }

    [TestCase("user", "bob")]
    [TestCase("req.User", "bob")]
    [TestCase("headers[\"Accept\"]", "json")]
    [TestCase("spinner + 1", 4)]
    [TestCase("\"password\"", "password")]
    public void AValueThatReadsNoSensitiveNameIsUnchanged(string source, object value)
    {
        var parsed = ExpressionCompiler.Parse(source);

        Assert.That(ExpressionRedaction.Value(parsed, null, Rules), Is.SameAs(parsed));
        Assert.That(Scope().Evaluate(parsed), Is.EqualTo(value));
    }

    [Test]
    public void OnlyTheMembersOfAnAnonymousObjectThatReadSecretsAreRedacted()
    {
        var parsed = ExpressionRedaction.Value(ExpressionCompiler.Parse("new { user, pw = password, password = user, req.Password, n = spinner }"), null, Rules);

        Assert.That(Scope().Evaluate(parsed)!.ToString(), Is.EqualTo("{ user = bob, pw = [redacted], password = [redacted], Password = [redacted], n = 3 }"));
    }

    [Test]
    public void OnlyTheHolesOfAnInterpolatedStringThatReadSecretsAreRedacted()
    {
        var parsed = ExpressionRedaction.Value(ExpressionCompiler.Parse("$\"{user} logs in with {password} ({spinner})\""), null, Rules);

        Assert.That(Scope().Evaluate(parsed), Is.EqualTo("bob logs in with [redacted] (3)"));
    }

    [Test]
    public void TheResultOfAMethodWithASensitiveNameAndTheArgsOfOneWithASensitiveParameterAreRedacted()
    {
        Assert.That(Scope().Evaluate(ExpressionRedaction.Value(ExpressionCompiler.Parse("result"), GetPassword, Rules)), Is.EqualTo("[redacted]"));
        Assert.That(Scope().Evaluate(ExpressionRedaction.Value(ExpressionCompiler.Parse("args"), LoginMethod, Rules)), Is.EqualTo("[redacted]"));
        Assert.That(Scope().Evaluate(ExpressionRedaction.Value(ExpressionCompiler.Parse("result"), LoginMethod, Rules)), Is.EqualTo("r-1"));
        Assert.That(ExpressionRedaction.SensitiveName(ExpressionCompiler.Parse("result"), GetPassword, Rules), Is.EqualTo("result (of GetPassword)"));
    }

    [Test]
    public void TagsRedactedAsAWholeGiveOneRedactedTag()
    {
        var whole = ExpressionRedaction.Tags(ExpressionCompiler.Parse("headers"), null, Rules)!;
        var members = ExpressionRedaction.Tags(ExpressionCompiler.Parse("new { user, token = password }"), null, Rules)!;

        Assert.That(ExpressionRedaction.Tags(ExpressionCompiler.Parse("new[] { \"a:\" + password }"), null, Rules)!.FreeNames, Is.Empty);
        Assert.That(Tags.From(Scope().Evaluate(members)), Is.EqualTo(new[] { "user:bob", "token:[redacted]" }));
        Assert.That(Tags.From(Scope().Evaluate(whole)), Is.EqualTo(new[] { "Authorization:[redacted]", "Accept:json" }), "a dictionary is redacted by key at run time");
    }

    [Test]
    public void AConditionReadsSecretsButItsErrorsDoNotQuoteThem()
    {
        var condition = ExpressionRedaction.Condition(ExpressionCompiler.Parse("int.Parse(password) > 3"), null, Rules)!;
        var working = ExpressionRedaction.Condition(ExpressionCompiler.Parse("password.Length > 3"), null, Rules)!;

        var error = Assert.Throws<InstrumentException>(() => Scope().Evaluate(condition))!;

        Assert.That(error.Message, Is.EqualTo("FormatException (its message is not shown: the expression reads 'password', which is redacted)"));
        Assert.That(Scope().Evaluate(working), Is.EqualTo(true));
        Assert.That(ExpressionRedaction.Condition(ExpressionCompiler.Parse("spinner > 1"), null, Rules)!.ErrorsRedactedFor, Is.Null);
    }

    [Test]
    public void AMetricWhoseValueReadsASecretIsRefusedWithTheName()
    {
        var gauge = new GaugeInstrument("pins", "req.Password.Length");

        var error = Assert.Throws<InstrumentException>(() => ParsedInstrument.Parse(gauge))!;

        Assert.That(error.Message, Is.EqualTo("the value reads 'Password', which is redacted: a metric cannot send it"));
    }

    [Test]
    public void AUserNameIsRedactedInExpressions()
    {
        var rules = new Redactor(new RedactionSettings(["spinner"], []));

        Assert.That(Scope().Evaluate(ExpressionRedaction.Value(ExpressionCompiler.Parse("spinner * 2"), null, rules)), Is.EqualTo("[redacted]"));
    }
}
