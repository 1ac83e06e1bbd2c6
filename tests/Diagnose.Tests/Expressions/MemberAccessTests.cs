using Diagnose.Expressions;
using NUnit.Framework;

namespace Diagnose.Tests.Expressions;

public sealed class MemberAccessTests
{
    private static TestScope Scope(ExpressionOptions? options = null) =>
        new TestScope { Options = options ?? ExpressionOptions.Default }.With("order", new Order()).With("str", "abc");

    [TestCase("order.Total", 150)]
    [TestCase("order.Id", 7)]
    [TestCase("order.Customer.Region", "eu")]
    [TestCase("order.FirstLine.Sku", "A-1")]
    [TestCase("order.Status", OrderStatus.Paid)]
    [TestCase("order.Items.Count", 3)]
    [TestCase("str.Length", 3)]
    public void PublicPropertiesAreRead(string source, object expected) =>
        Assert.That(Scope().Evaluate(source), Is.EqualTo(expected));

    [Test]
    public void NonPublicFieldsAndPropertiesAreRead()
    {
        Assert.That(Scope().Evaluate("order.secret"), Is.EqualTo("s3cr3t"));
        Assert.That(Scope().Evaluate("order.Hidden"), Is.EqualTo(99));
        Assert.That(Scope().Evaluate("Diagnose.Tests.Expressions.Order.Prefix"), Is.EqualTo("ORD"));
    }

    [Test]
    public void StaticFieldsConstantsAndNestedTypesAreReachedThroughTheirTypeName()
    {
        Assert.That(Scope().Evaluate("Diagnose.Tests.Expressions.Order.Created"), Is.EqualTo(42));
        Assert.That(Scope().Evaluate("Diagnose.Tests.Expressions.Order.MaxLines"), Is.EqualTo(Order.MaxLines));
        Assert.That(Scope().Evaluate("Diagnose.Tests.Expressions.Order.Line.Kind"), Is.EqualTo("line"));
        Assert.That(Scope().Evaluate("Diagnose.Tests.Expressions.OrderStatus.Shipped"), Is.EqualTo(OrderStatus.Shipped));
    }

    [Test]
    public void WellKnownTypesNeedNoNamespace()
    {
        Assert.That(Scope().Evaluate<int>("int.MaxValue"), Is.EqualTo(int.MaxValue));
        Assert.That(Scope().Evaluate<string>("string.Empty"), Is.EqualTo(string.Empty));
        Assert.That(Scope().Evaluate<double>("Math.PI"), Is.EqualTo(Math.PI));
        Assert.That(Scope().Evaluate<DateTime>("DateTime.UtcNow").Kind, Is.EqualTo(DateTimeKind.Utc));
        Assert.That(Scope().Evaluate<double>("TimeSpan.FromSeconds(90).TotalMinutes"), Is.EqualTo(1.5));
        Assert.That(Scope().Evaluate<bool>("EqualityComparer<string>.Default.Equals(\"a\", \"a\")"), Is.True);
        Assert.That(Scope().Evaluate<string>("System.Environment.NewLine"), Is.EqualTo(Environment.NewLine));
    }

    [TestCase("order.Items[1].Name", "ink")]
    [TestCase("order.Counts[\"b\"]", 2)]
    [TestCase("order.Grid[1, 0]", 3)]
    [TestCase("str[1]", 'b')]
    [TestCase("order[3]", 30)]
    [TestCase("order[\"ab\", 2]", "abab")]
    [TestCase("new[] { 1, 2, 3 }[2]", 3)]
    [TestCase("order.Items[order.Items.Count - 1].Quantity", 0)]
    [TestCase("order.Items.AsReadOnly()[0].Name", "pen")]
    public void IndexersReadArraysListsDictionariesStringsAndCustomIndexers(string source, object expected) =>
        Assert.That(Scope().Evaluate(source), Is.EqualTo(expected));

    [Test]
    public void AnIndexerGivesItsElementTypeNotObject()
    {
        Assert.That(Scope().Bind("order.Items[1]").Type, Is.EqualTo(typeof(Item)));
        Assert.That(Scope().Bind("order.Counts[\"a\"]").Type, Is.EqualTo(typeof(int)));
        Assert.That(Scope().Bind("order.Grid[0, 1]").Type, Is.EqualTo(typeof(int)));
    }

    [Test]
    public void AMissingDictionaryKeyThrowsAtRunTime() =>
        Assert.Throws<KeyNotFoundException>(() => Scope().Evaluate("order.Counts[\"zz\"]"));

    [TestCase("order.Totl", "'Diagnose.Tests.Expressions.Order' does not have a member 'Totl' at 6 in \"order.Totl\"")]
    [TestCase("order.Customer.Regoin", "'Diagnose.Tests.Expressions.Customer' does not have a member 'Regoin' at 15 in \"order.Customer.Regoin\"")]
    [TestCase("order.Describe", "'Diagnose.Tests.Expressions.Order.Describe' is a method: call it with () at 6 in \"order.Describe\"")]
    [TestCase("Math", "'System.Math' is a type, not a value at 0 in \"Math\"")]
    [TestCase("Diagnose.Tests.Expressions.Order.Id", "'Diagnose.Tests.Expressions.Order.Id' is an instance member: it needs an object at 33 in \"Diagnose.Tests.Expressions.Order.Id\"")]
    [TestCase("order.Items[\"x\"]", "no indexer of 'System.Collections.Generic.List<Diagnose.Tests.Expressions.Item>' takes arguments (string) at 11 in \"order.Items[\"x\"]\"")]
    [TestCase("order.Id[0]", "'int' cannot be indexed at 8 in \"order.Id[0]\"")]
    [TestCase("order.Grid[0]", "'int[,]' needs 2 indexes, not 1 at 10 in \"order.Grid[0]\"")]
    [TestCase("totl + 1", "unknown name 'totl' at 0 in \"totl + 1\"; names here: order, str, len, mag")]
    [TestCase("nothing.Sub.Name", "unknown name 'nothing' at 0 in \"nothing.Sub.Name\"; names here: order, str, len, mag")]
    [TestCase("System.IO.Fil.Delete(\"x\")", "unknown name 'System.IO.Fil' at 0 in \"System.IO.Fil.Delete(\"x\")\"")]
    public void AnUnknownMemberOrNameIsReportedWithItsPosition(string source, string message) =>
        Assert.That(Scope().ErrorOf(source), Is.EqualTo(message));

    [Test]
    public void MethodsOfTheTargetsTypesRunInUnrestrictedMode()
    {
        var scope = Scope(new ExpressionOptions { Unrestricted = true });
        Assert.That(scope.Evaluate("order.Describe()"), Is.EqualTo("order 7"));
        Assert.That(scope.Evaluate("order.Describe(\"no.\")"), Is.EqualTo("no. 7"));
        Assert.That(scope.Evaluate("order.Whisper()"), Is.EqualTo("S3CR3T"));
    }

    [Test]
    public void AllowListedMethodsRunWithOverloadsAndOptionalArguments()
    {
        var scope = Scope();
        Assert.That(scope.Evaluate("str.Substring(1)"), Is.EqualTo("bc"));
        Assert.That(scope.Evaluate("str.Substring(0, 2).ToUpperInvariant()"), Is.EqualTo("AB"));
        Assert.That(scope.Evaluate("str.PadLeft(5, '*')"), Is.EqualTo("**abc"));
        Assert.That(scope.Evaluate("str.Split('b')[1]"), Is.EqualTo("c"));
        Assert.That(scope.Evaluate("string.Join(\"-\", \"a\", \"b\", \"c\")"), Is.EqualTo("a-b-c"));
        Assert.That(scope.Evaluate("string.Format(\"{0}/{1}\", 1, str)"), Is.EqualTo("1/abc"));
        Assert.That(scope.Evaluate("Math.Round(2.345, 2)"), Is.EqualTo(Math.Round(2.345, 2)));
        Assert.That(scope.Evaluate("Math.Max(order.Id, 3L)"), Is.EqualTo(7L));
        Assert.That(scope.Evaluate("order.Total.ToString(\"F1\", System.Globalization.CultureInfo.InvariantCulture)"), Is.EqualTo("150.0"));
        Assert.That(scope.Evaluate("order.PlacedAt.AddDays(1).Day"), Is.EqualTo(18));
        Assert.That(scope.Evaluate("Convert.ToInt32(\"12\") + 1"), Is.EqualTo(13));
        Assert.That(scope.Evaluate("order.GetType().Name"), Is.EqualTo("Order"));
        Assert.That(scope.Evaluate("order.Counts.ContainsKey(\"a\") && order.Items.Contains(order.Items[0])"), Is.True);
        Assert.That(scope.Evaluate("order.Id.Equals(7)"), Is.True);
        Assert.That(scope.Evaluate("order.Discount.HasValue || order.Discount.GetValueOrDefault() == 0"), Is.True);
    }
}
