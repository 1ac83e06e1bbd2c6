using System.Linq.Expressions;
using Diagnose.Expressions;
using NUnit.Framework;

namespace Diagnose.Tests.Expressions;

/// <summary>How binding uses the scope and what tree it gives back.</summary>
public sealed class ScopeTests
{
    [Test]
    public void AnErrorTheScopeThrowsIsPropagatedAsIs()
    {
        var error = new ExpressionException("'elapsed' is not available in a call instrument");
        var scope = new ThrowingScope("elapsed", error);
        var thrown = Assert.Throws<ExpressionException>(() => Bind("elapsed > 1", scope));
        Assert.That(thrown, Is.SameAs(error));
        Assert.That(thrown!.Message, Is.EqualTo("'elapsed' is not available in a call instrument"));
    }

    [Test]
    public void ANameTheExpressionDoesNotUseIsNeverResolved()
    {
        var scope = new ThrowingScope("elapsed", new ExpressionException("not available"));
        Assert.DoesNotThrow(() => Bind("1 + 2", scope));
    }

    [Test]
    public void EachUsedNameIsResolvedOnceAndLambdaParametersAndMembersNever()
    {
        var scope = TestScope.Empty.With("a", 1).With("b", 2).With("items", new[] { 1 });
        scope.Bind("a + a * b + items.Count(i => i > a) + items.Length");
        Assert.That(scope.Asked, Is.EqualTo(new[] { "a", "b", "items" }));
    }

    [Test]
    public void AProductOfAnIntParameterAndALiteralIsExactlyAMultiply()
    {
        var amount = Expression.Parameter(typeof(int), "amount");
        var tree = Bind("amount * 2", new NameScope(("amount", amount)));
        Assert.That(tree, Is.InstanceOf<BinaryExpression>());
        var multiply = (BinaryExpression)tree;
        Assert.That(multiply.NodeType, Is.EqualTo(ExpressionType.Multiply));
        Assert.That(multiply.Left, Is.SameAs(amount));
        Assert.That(multiply.Right, Is.InstanceOf<ConstantExpression>().With.Property("Value").EqualTo(2));
        Assert.That(multiply.Type, Is.EqualTo(typeof(int)));
    }

    [TestCase("order.Total * 2 > 100 && order.Customer.Region == \"eu\"", typeof(bool))]
    [TestCase("amount * 2.5", typeof(double))]
    [TestCase("amount + 1L", typeof(long))]
    [TestCase("order.Items.Sum(i => i.Quantity)", typeof(int))]
    [TestCase("len(order.Items) > amount", typeof(bool))]
    public void AnExpressionOverTypedValuesHasItsNaturalTypeAndNoBoxingOrLateBinding(string source, Type type)
    {
        var scope = new NameScope(("amount", Expression.Parameter(typeof(int), "amount")), ("order", Expression.Parameter(typeof(Order), "order")));
        var tree = Bind(source, scope);
        Assert.That(tree.Type, Is.EqualTo(type));
        Assert.That(BoxingFinder.Find(tree), Is.Empty);
    }

    [Test]
    public void TheScopeMaySupplyAnyExpressionNotOnlyParameters()
    {
        var args = Expression.Parameter(typeof(object[]), "args");
        var first = Expression.Convert(Expression.ArrayIndex(args, Expression.Constant(0)), typeof(string));
        var tree = Bind("name.ToUpperInvariant()", new NameScope(("name", first)));
        var compiled = Expression.Lambda<Func<object[], string>>(tree, args).Compile();
        Assert.That(compiled(["abc"]), Is.EqualTo("ABC"));
    }

    [Test]
    public void OneParsedExpressionBindsAgainstScopesOfDifferentTypes()
    {
        var parsed = ExpressionCompiler.Parse("x + 1");
        var number = ExpressionCompiler.Bind(parsed, new NameScope(("x", Expression.Parameter(typeof(int), "x"))), ExpressionOptions.Default);
        var text = ExpressionCompiler.Bind(parsed, new NameScope(("x", Expression.Parameter(typeof(string), "x"))), ExpressionOptions.Default);
        Assert.That((number.Type, text.Type), Is.EqualTo((typeof(int), typeof(string))));
    }

    [Test]
    public void AContextNameHidesATypeOfTheSameName()
    {
        var math = Expression.Parameter(typeof(string), "Math");
        Assert.That(Bind("Math.Length", new NameScope(("Math", math))).Type, Is.EqualTo(typeof(int)));
    }

    private static Expression Bind(string source, IExpressionScope scope) =>
        ExpressionCompiler.Bind(ExpressionCompiler.Parse(source), scope, ExpressionOptions.Default);

    private sealed class NameScope(params (string Name, Expression Value)[] names) : IExpressionScope
    {
        public Expression? Resolve(string name) => names.FirstOrDefault(n => n.Name == name).Value;
    }

    private sealed class ThrowingScope(string name, Exception error) : IExpressionScope
    {
        public Expression? Resolve(string requested) => requested == name ? throw error : null;
    }

    /// <summary>Conversions to object and calls into the late-binding site, anywhere in a tree.</summary>
    private sealed class BoxingFinder : ExpressionVisitor
    {
        private readonly List<Expression> found = [];

        public static List<Expression> Find(Expression tree)
        {
            var finder = new BoxingFinder();
            finder.Visit(tree);
            return finder.found;
        }

        protected override Expression VisitUnary(UnaryExpression node)
        {
            if (node.NodeType == ExpressionType.Convert && node.Type == typeof(object))
            {
                found.Add(node);
            }

            return base.VisitUnary(node);
        }

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.DeclaringType == typeof(LateBoundSite))
            {
                found.Add(node);
            }

            return base.VisitMethodCall(node);
        }
    }
}
