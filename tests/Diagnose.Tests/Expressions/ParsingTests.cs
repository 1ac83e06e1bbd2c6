using Diagnose.Expressions;
using NUnit.Framework;

namespace Diagnose.Tests.Expressions;

public sealed class ParsingTests
{
    [TestCase("len(x))", "unexpected ')' at 6 in \"len(x))\"")]
    [TestCase("a.b + (c", "unexpected end of expression at 8 in \"a.b + (c\"")]
    [TestCase("a + )", "unexpected ')' (expected an expression) at 4 in \"a + )\"")]
    [TestCase("a.", "unexpected end of expression at 2 in \"a.\"")]
    [TestCase("a.)", "unexpected ')' (expected a member name) at 2 in \"a.)\"")]
    [TestCase("f(a b)", "unexpected 'b' (expected ',' or ')') at 4 in \"f(a b)\"")]
    [TestCase("x ? 1", "unexpected end of expression at 5 in \"x ? 1\"")]
    [TestCase("1 # 2", "unexpected character '#' at 2 in \"1 # 2\"")]
    [TestCase("\"abc", "unterminated string literal at 0 in \"\"abc\"")]
    [TestCase("'ab'", "invalid char literal at 0 in \"'ab'\"")]
    [TestCase("\"\\q\"", "unrecognized escape sequence '\\q' at 1 in \"\"\\q\"\"")]
    [TestCase("12abc", "invalid number suffix 'a' at 2 in \"12abc\"")]
    [TestCase("0x", "invalid number: digits expected at 2 in \"0x\"")]
    [TestCase("99999999999999999999", "integral constant is too large at 0 in \"99999999999999999999\"")]
    [TestCase("$\"{}\"", "empty interpolation hole at 2 in \"$\"{}\"\"")]
    [TestCase("$\"a {b +} c\"", "unexpected end of expression at 8 in \"$\"a {b +} c\"\"")]
    [TestCase("$\"{b,x}\"", "an alignment must be an integer constant at 5 in \"$\"{b,x}\"\"")]
    [TestCase("f(name: 1)", "named arguments are not supported at 2 in \"f(name: 1)\"")]
    [TestCase("new { 1 + 2 }", "an anonymous object member needs a name (write name = expression) at 6 in \"new { 1 + 2 }\"")]
    [TestCase("typeof(1)", "unexpected '1' (expected a type) at 7 in \"typeof(1)\"")]
    [TestCase("new Foo", "unexpected end of expression at 7 in \"new Foo\"")]
    public void ASyntaxErrorIsReportedWithItsPositionAndTheSource(string source, string message)
    {
        var error = Assert.Throws<ExpressionException>(() => ExpressionCompiler.Parse(source))!;
        Assert.That(error.Message, Is.EqualTo(message));
        Assert.That(error.Source, Is.EqualTo(source));
        Assert.That(error.Position, Is.EqualTo(int.Parse(message.Split(" at ")[^1].Split(' ')[0])));
    }

    private static IEnumerable<TestCaseData> Literals()
    {
        yield return Literal("42", 42);
        yield return Literal("4_000_000", 4_000_000);
        yield return Literal("0xFF", 0xFF);
        yield return Literal("0xFFFF_FFFF", 0xFFFF_FFFF);
        yield return Literal("0b1010", 0b1010);
        yield return Literal("3000000000", 3000000000);
        yield return Literal("5000000000", 5000000000);
        yield return Literal("10000000000000000000", 10000000000000000000);
        yield return Literal("5L", 5L);
        yield return Literal("5u", 5u);
        yield return Literal("5UL", 5UL);
        yield return Literal("5lu", 5LU);
        yield return Literal("1.5", 1.5);
        yield return Literal(".5", .5);
        yield return Literal("1e3", 1e3);
        yield return Literal("1.5E-2", 1.5E-2);
        yield return Literal("2d", 2d);
        yield return Literal("1.5f", 1.5f);
        yield return Literal("2.5m", 2.5m);
        yield return Literal("1e2m", 1e2m);
        yield return Literal("1_000.25", 1_000.25);
        yield return Literal("-2147483648", -2147483648);
        yield return Literal("-9223372036854775808", -9223372036854775808);
        yield return Literal("-3000000000", -3000000000);
        yield return Literal("'a'", 'a');
        yield return Literal("'\\n'", '\n');
        yield return Literal("'\\''", '\'');
        yield return Literal("'\\u0041'", '\u0041');
        yield return Literal("\"a\\tb\\\\c\\\"d\"", "a\tb\\c\"d");
        yield return Literal("\"\\x41\\0\"", "\x41\0");
        yield return Literal("\"\\U0001F600\"", "\U0001F600");
        yield return Literal("@\"c:\\dir\"\"x\"\"\"", @"c:\dir""x""");
        yield return Literal("true", true);
        yield return Literal("false", false);
    }

    private static TestCaseData Literal(string source, object expected) =>
        new TestCaseData(source, expected).SetArgDisplayNames(source);

    [TestCaseSource(nameof(Literals))]
    public void ALiteralHasTheValueAndTypeCSharpGivesIt(string source, object expected)
    {
        var value = TestScope.Empty.Evaluate(source);
        Assert.That(value, Is.EqualTo(expected));
        Assert.That(value!.GetType(), Is.EqualTo(expected.GetType()));
    }

    [Test]
    public void NullIsALiteral() => Assert.That(TestScope.Empty.Evaluate("null"), Is.Null);

    [TestCase("(x) - 1", 4)]
    [TestCase("(int)-x", -5)]
    [TestCase("(long)x * 2", 10L)]
    [TestCase("(x)", 5)]
    [TestCase("((x))+(x)", 10)]
    public void AParenthesisIsACastOnlyWhereCSharpReadsOne(string source, object expected) =>
        Assert.That(TestScope.Empty.With("x", 5).Evaluate(source), Is.EqualTo(expected));

    [Test]
    public void LessThanAfterANameIsAComparisonUnlessATypeArgumentListFollows()
    {
        var scope = TestScope.Empty.With("a", 1).With("b", 2).With("c", 3).With("numbers", new[] { 1, 2, 3 });
        Assert.That(scope.Evaluate("a < b && b > c"), Is.False);
        Assert.That(scope.Evaluate("a < b == true"), Is.True);
        Assert.That(scope.Evaluate("numbers.Cast<object>().Count()"), Is.EqualTo(3));
        Assert.That(scope.Evaluate("Enumerable.Empty<int>().Any()"), Is.False);
        Assert.That(scope.Evaluate("c >> 1"), Is.EqualTo(1));
    }

    [Test]
    public void APostfixBangIsTheNullForgivingOperatorAndChangesNothing() =>
        Assert.That(TestScope.Empty.With("s", "abc").Evaluate("s!.Length"), Is.EqualTo(3));

    [Test]
    public void WhitespaceAndVerbatimIdentifiersAreAccepted() =>
        Assert.That(TestScope.Empty.With("class", 2).Evaluate(" @class\t*\n3 "), Is.EqualTo(6));
}
