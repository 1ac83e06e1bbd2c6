using Diagnose.Expressions;
using NUnit.Framework;

namespace Diagnose.Tests.Expressions;

public sealed class CreationTests
{
    private static readonly ExpressionOptions Unrestricted = new() { Unrestricted = true };

    private static TestScope Scope(ExpressionOptions? options = null) =>
        new TestScope { Options = options ?? ExpressionOptions.Default }.With("order", new Order()).With("id", 3);

    [Test]
    public void AnAnonymousObjectPrintsLikeCSharps()
    {
        var value = Scope().Evaluate("new { region = order.Customer.Region, id }");
        Assert.That(value!.ToString(), Is.EqualTo(new { region = "eu", id = 3 }.ToString()));
        Assert.That(value.ToString(), Is.EqualTo("{ region = eu, id = 3 }"));
    }

    [Test]
    public void AnAnonymousObjectEnumeratesItsMembersInOrderAsKeyValuePairs()
    {
        var value = Scope().Evaluate("new { order.Id, order.Customer.Region, doubled = id * 2 }");
        Assert.That(value, Is.InstanceOf<IEnumerable<KeyValuePair<string, object?>>>());
        Assert.That(
            (IEnumerable<KeyValuePair<string, object?>>)value!,
            Is.EqualTo(new[] { Pair("Id", 7), Pair("Region", "eu"), Pair("doubled", 6) }));
    }

    [Test]
    public void AnAnonymousObjectWithANullMemberPrintsNothingForIt() =>
        Assert.That(Scope().Evaluate("new { a = order.Customer.Nickname, b = 1 }")!.ToString(), Is.EqualTo(new { a = (string?)null, b = 1 }.ToString()));

    [Test]
    public void AnonymousObjectsCompareByValueAndTheirMembersCanBeRead()
    {
        Assert.That(Scope().Evaluate("new { a = 1, b = \"x\" }"), Is.EqualTo(Scope().Evaluate("new { a = 1, b = \"x\" }")));
        Assert.That(Scope().Evaluate("new { a = 1, b = \"x\" }.b"), Is.EqualTo("x"));
        Assert.That(Scope().Evaluate("new { a = 1 }.a + 1"), Is.EqualTo(2));
        Assert.That(Scope().Evaluate("new { }")!.ToString(), Is.EqualTo("{ }"));
    }

    [Test]
    public void AnAnonymousObjectCannotHaveTwoMembersWithTheSameName() =>
        Assert.That(Scope().ErrorOf("new { id, id = 2 }"), Is.EqualTo("the anonymous object has two members named 'id' at 10 in \"new { id, id = 2 }\""));

    [Test]
    public void ArraysTakeTheirElementsBestCommonType()
    {
        Assert.That(Scope().Evaluate<string[]>("new[] { \"a\", \"b\" }"), Is.EqualTo(new[] { "a", "b" }));
        Assert.That(Scope().Evaluate<double[]>("new[] { 1, 2.5 }"), Is.EqualTo(new[] { 1, 2.5 }));
        Assert.That(Scope().Evaluate<int?[]>("new[] { 1, null }"), Is.EqualTo(new int?[] { 1, null }));
        Assert.That(Scope().Evaluate<long[]>("new long[] { 1, id }"), Is.EqualTo(new long[] { 1, 3 }));
        Assert.That(Scope().Evaluate<int>("new int[id].Length"), Is.EqualTo(3));
        Assert.That(Scope().ErrorOf("new[] { 1, \"a\" }"), Is.EqualTo("no best type for the elements of this implicitly typed array at 0 in \"new[] { 1, \"a\" }\""));
    }

    [Test]
    public void ValueLikeTypesCanBeCreatedInRestrictedMode()
    {
        Assert.That(Scope().Evaluate("new DateTime(2020, 1, 2).Day"), Is.EqualTo(2));
        Assert.That(Scope().Evaluate("new TimeSpan(1, 30, 0).TotalHours"), Is.EqualTo(1.5));
        Assert.That(Scope().Evaluate("new Guid(\"00000000-0000-0000-0000-000000000001\").ToString()"), Is.EqualTo("00000000-0000-0000-0000-000000000001"));
    }

    [TestCase("new List<string> { \"a\" }", "creating 'System.Collections.Generic.List<string>' is not allowed (side effects) at 4 in \"new List<string> { \"a\" }\"")]
    [TestCase("new System.Text.StringBuilder()", "creating 'System.Text.StringBuilder' is not allowed (side effects) at 4 in \"new System.Text.StringBuilder()\"")]
    [TestCase("new Diagnose.Tests.Expressions.Customer()", "creating 'Diagnose.Tests.Expressions.Customer' is not allowed (side effects) at 4 in \"new Diagnose.Tests.Expressions.Customer()\"")]
    public void OtherTypesCannotBeCreatedInRestrictedMode(string source, string message) =>
        Assert.That(Scope().ErrorOf(source), Is.EqualTo(message));

    [Test]
    public void UnrestrictedModeCreatesObjectsWithInitializers()
    {
        var scope = Scope(Unrestricted);
        Assert.That(scope.Evaluate("new List<string> { \"a\", \"b\" }.Count"), Is.EqualTo(2));
        Assert.That(scope.Evaluate("new Dictionary<string, int> { { \"a\", 1 }, { \"b\", id } }[\"b\"]"), Is.EqualTo(3));
        Assert.That(scope.Evaluate("new Diagnose.Tests.Expressions.Customer { Region = \"us\" }.Region"), Is.EqualTo("us"));
        Assert.That(scope.Evaluate("new System.Text.StringBuilder(\"a\").Append(id).ToString()"), Is.EqualTo("a3"));
    }

    private static KeyValuePair<string, object?> Pair(string key, object? value) => new(key, value);
}
