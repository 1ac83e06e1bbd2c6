using Diagnose.Expressions;
using NUnit.Framework;

namespace Diagnose.Tests.Expressions;

public sealed class FreeNamesTests
{
    [TestCase("order.Total + x.Count(i => i > y)", new[] { "order", "x", "y" })]
    [TestCase("new { region = this.Region, id }", new[] { "this", "id" })]
    [TestCase("$\"{a} and {b.c:F2}\"", new[] { "a", "b" })]
    [TestCase("(Sample.Order)o", new[] { "o" })]
    [TestCase("o is Sample.Order && typeof(Foo) != null", new[] { "o" })]
    [TestCase("items.Select(i => i.Lines.Where(l => l.Qty > i.Min && l.Qty < max))", new[] { "items", "max" })]
    [TestCase("xs.Select((a, b) => a + b + c)", new[] { "xs", "c" })]
    [TestCase("a?.b?[c] ?? d", new[] { "a", "c", "d" })]
    [TestCase("1 + 2", new string[0])]
    [TestCase("len(result) > 2", new[] { "len", "result" })]
    public void FreeNamesAreTheIdentifiersThatMayBeContextNames(string source, string[] expected) =>
        Assert.That(ExpressionCompiler.Parse(source).FreeNames, Is.EquivalentTo(expected));

    [Test]
    public void ALambdaParameterIsNotFreeOutsideItsLambda() =>
        Assert.That(ExpressionCompiler.Parse("xs.Any(i => i > 0) && i > 1").FreeNames, Is.EquivalentTo(new[] { "xs", "i" }));
}
