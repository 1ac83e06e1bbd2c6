using System.Linq.Expressions;
using Diagnose.Expressions;
using NUnit.Framework;

namespace Diagnose.Tests.Expressions;

/// <summary>Members the static type (object, an interface) lacks are found on the run-time type.</summary>
public sealed class LateBindingTests
{
    private static TestScope Scope(ExpressionOptions? options = null) => new TestScope { Options = options ?? ExpressionOptions.Default }
        .With("shape", Shapes.Boxed(2))
        .With("circle", Shapes.Circle(2))
        .With("args", new object[] { new Customer(), new Item("pen", 2.5m, 4) })
        .With("nothing", (object?)null);

    [Test]
    public void AMemberOfANonPublicRunTimeTypeIsReadThroughObject()
    {
        Assert.That(Scope().Bind("shape.Radius").Type, Is.EqualTo(typeof(object)));
        Assert.That(Scope().Evaluate("shape.Radius"), Is.EqualTo(2.0));
        Assert.That(Scope().Evaluate("args[0].Region"), Is.EqualTo("eu"));
        Assert.That(Scope().Evaluate("args[1].Name.Length"), Is.EqualTo(3));
    }

    [Test]
    public void AMemberTheInterfaceDeclaresIsBoundStaticallyAndOneItLacksLate()
    {
        Assert.That(Scope().Bind("circle.Area").Type, Is.EqualTo(typeof(double)));
        Assert.That(Scope().Evaluate("circle.Radius"), Is.EqualTo(2.0));
        Assert.That(Scope().Evaluate("circle[\"r\"]"), Is.EqualTo("r2"));
    }

    [Test]
    public void OperatorsOnLateBoundValuesUseTheRunTimeTypes()
    {
        Assert.That(Scope().Evaluate("shape.Area > 12"), Is.True);
        Assert.That(Scope().Evaluate("args[1].Quantity * 2"), Is.EqualTo(8));
        Assert.That(Scope().Evaluate("args[1].Price + 1"), Is.EqualTo(3.5m));
        Assert.That(Scope().Evaluate("args[1].Name == \"pen\""), Is.True);
        Assert.That(Scope().Evaluate("args[1].Quantity == 4L"), Is.True);
        Assert.That(Scope().Evaluate("-args[1].Quantity"), Is.EqualTo(-4));
        Assert.That(Scope().Evaluate("(int)args[1].Quantity + 1"), Is.EqualTo(5));
        Assert.That(Scope().Evaluate("args[0].Nickname == null && args[0].Nickname + 1 == null"), Is.True);
    }

    [Test]
    public void AnOverloadIsChosenOnTheRunTimeTypesOfLateBoundArguments()
    {
        Assert.That(Scope().Evaluate("Math.Max(args[1].Quantity, 10)"), Is.EqualTo(10));
        Assert.That(Scope().Evaluate("Math.Max(args[1].Price, 1)"), Is.EqualTo(2.5m));
        Assert.That(Scope().Evaluate("args[1].Name.Substring(args[1].Quantity - 3)"), Is.EqualTo("en"));
        Assert.That(Scope().Evaluate("new[] { \"a\", \"b\" }[args[1].Quantity - 3]"), Is.EqualTo("b"));
        Assert.That(
            Assert.Throws<ExpressionException>(() => Scope().Evaluate("Math.Max(args[1].Name, 1)"))!.Message,
            Is.EqualTo("no overload of 'System.Math.Max' takes arguments (string, int) at 5 in \"Math.Max(args[1].Name, 1)\""));
    }

    [Test]
    public void AnAllowedMethodIsCalledOnTheRunTimeType() =>
        Assert.That(Scope().Evaluate("args[1].Name.ToUpperInvariant()"), Is.EqualTo("PEN"));

    [Test]
    public void AMethodOfTheRunTimeTypeIsCalledInUnrestrictedModeOnly()
    {
        Assert.That(Scope(new ExpressionOptions { Unrestricted = true }).Evaluate("shape.Scale(3)"), Is.EqualTo(6.0));
        var refused = Assert.Throws<ExpressionException>(() => Scope().Evaluate("shape.Scale(3)"))!;
        Assert.That(refused.Message, Does.Match(@"^calling 'Diagnose\.Tests\.Expressions\.Shapes\.CircleShape\.Scale' is not allowed \(side effects\) at 6 in ""shape\.Scale\(3\)""$"));
    }

    [Test]
    public void AMemberMissingAtRunTimeThrowsWithThePositionOfTheName() =>
        Assert.That(
            Assert.Throws<ExpressionException>(() => Scope().Evaluate("shape.Nope"))!.Message,
            Is.EqualTo("'Diagnose.Tests.Expressions.Shapes.CircleShape' does not have a member 'Nope' at 6 in \"shape.Nope\""));

    [Test]
    public void ANullReceiverThrowsAtRunTime() =>
        Assert.That(
            Assert.Throws<ExpressionException>(() => Scope().Evaluate("nothing.Name"))!.Message,
            Is.EqualTo("cannot use 'Name' of null at 8 in \"nothing.Name\""));

    [Test]
    public void OneCompiledExpressionFollowsItsReceiverAcrossRunTimeTypes()
    {
        var value = Expression.Parameter(typeof(object), "value");
        var scope = new SingleNameScope("value", value);
        var body = ExpressionCompiler.Bind(ExpressionCompiler.Parse("value.Region + \"!\""), scope, ExpressionOptions.Default);
        var compiled = Expression.Lambda<Func<object, object?>>(body, value).Compile();
        Assert.That(compiled(new Customer()), Is.EqualTo("eu!"));
        Assert.That(compiled(new { Region = "us" }), Is.EqualTo("us!"));
        Assert.That(compiled(new Customer { Region = "ap" }), Is.EqualTo("ap!"));
        Assert.That(() => compiled(new Item("x", 1, 1)), Throws.TypeOf<ExpressionException>());
    }

    private sealed class SingleNameScope(string name, Expression value) : IExpressionScope
    {
        public Expression? Resolve(string requested) => requested == name ? value : null;
    }
}
