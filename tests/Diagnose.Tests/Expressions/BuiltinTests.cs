using System.Linq.Expressions;
using System.Numerics;
using Diagnose.Expressions;
using NUnit.Framework;

namespace Diagnose.Tests.Expressions;

/// <summary>len and mag as diagnose defines them (mag: <c>int(math.log10(len(x) or x))</c>, -1 when that fails).</summary>
public sealed class BuiltinTests
{
    private static TestScope Scope<T>(T value) => TestScope.Empty.With("x", value);

    [Test]
    public void LenGivesTheLengthOfStringsArraysAndCollections()
    {
        Assert.That(Scope("abc").Evaluate("len(x)"), Is.EqualTo(3));
        Assert.That(Scope(new[] { 1, 2 }).Evaluate("len(x)"), Is.EqualTo(2));
        Assert.That(Scope(new int[2, 3]).Evaluate("len(x)"), Is.EqualTo(6));
        Assert.That(Scope(new List<string> { "a" }).Evaluate("len(x)"), Is.EqualTo(1));
        Assert.That(Scope(new Dictionary<int, int> { [1] = 1, [2] = 2 }).Evaluate("len(x)"), Is.EqualTo(2));
        Assert.That(Scope(new HashSet<int> { 1, 2, 3 }).Evaluate("len(x)"), Is.EqualTo(3));
        Assert.That(Scope<IReadOnlyList<int>>([1, 2, 3, 4]).Evaluate("len(x)"), Is.EqualTo(4));
    }

    [Test]
    public void LenCountsOtherSequencesAndLooksAtObjectsAtRunTime()
    {
        Assert.That(Scope(Enumerable.Range(0, 5).Where(i => i % 2 == 0)).Evaluate("len(x)"), Is.EqualTo(3));
        Assert.That(Scope<object>(new HashSet<int> { 1, 2 }).Evaluate("len(x)"), Is.EqualTo(2));
        Assert.That(Scope<object>("abcd").Evaluate("len(x)"), Is.EqualTo(4));
        Assert.That(Scope<object>(new Stack<int>([1, 2, 3])).Evaluate("len(x)"), Is.EqualTo(3));
    }

    [Test]
    public void LenOfAStringIsItsLengthPropertyNotACall() =>
        Assert.That(Scope("abc").Bind("len(x)"), Is.InstanceOf<MemberExpression>());

    [Test]
    public void LenOfSomethingWithoutALengthIsAnError()
    {
        Assert.That(Scope(5).ErrorOf("len(x)"), Is.EqualTo("'int' has no len() at 0 in \"len(x)\""));
        Assert.That(Assert.Throws<ExpressionException>(() => Scope<object>(5).Evaluate("len(x)"))!.Message, Is.EqualTo("'int' has no len()"));
        Assert.That(Assert.Throws<ExpressionException>(() => Scope<object?>(null).Evaluate("len(x)"))!.Message, Is.EqualTo("null has no len()"));
        Assert.That(Scope("a").ErrorOf("len(x, x)"), Is.EqualTo("len() takes exactly one argument (2 given) at 0 in \"len(x, x)\""));
    }

    // Expected values are Python's: int(math.log10(n)), -1 where log10 or int() raises.
    [TestCase(0, -1)]
    [TestCase(1, 0)]
    [TestCase(9, 0)]
    [TestCase(10, 1)]
    [TestCase(999, 2)]
    [TestCase(1000, 3)]
    [TestCase(123456789, 8)]
    [TestCase(-5, -1)]
    public void MagOfAnIntegerIsItsDecimalMagnitude(int value, int expected)
    {
        Assert.That(Scope(value).Evaluate("mag(x)"), Is.EqualTo(expected));
        Assert.That(Scope<object>(value).Evaluate("mag(x)"), Is.EqualTo(expected), "at run time");
    }

    [TestCase(0.5, 0)]
    [TestCase(0.05, -1)]
    [TestCase(0.005, -2)]
    [TestCase(1e300, 300)]
    [TestCase(2.5, 0)]
    [TestCase(double.NaN, -1)]
    [TestCase(double.PositiveInfinity, -1)]
    [TestCase(double.NegativeInfinity, -1)]
    [TestCase(-0.0, -1)]
    public void MagOfAFloatTruncatesTowardZeroAsPythonsIntDoes(double value, int expected) =>
        Assert.That(Scope(value).Evaluate("mag(x)"), Is.EqualTo(expected));

    [Test]
    public void MagOfSomethingSizedIsTheMagnitudeOfItsLength()
    {
        Assert.That(Scope("").Evaluate("mag(x)"), Is.EqualTo(-1));
        Assert.That(Scope("abcdefghij").Evaluate("mag(x)"), Is.EqualTo(1));
        Assert.That(Scope(Enumerable.Range(0, 100).ToList()).Evaluate("mag(x)"), Is.EqualTo(2));
        Assert.That(Scope<object>(new int[1000]).Evaluate("mag(x)"), Is.EqualTo(3));
    }

    [Test]
    public void MagOfOtherValuesFollowsPython()
    {
        Assert.That(Scope<object?>(null).Evaluate("mag(x)"), Is.EqualTo(-1), "log10(None) raises");
        Assert.That(Scope(true).Evaluate("mag(x)"), Is.EqualTo(0), "log10(True) is 0");
        Assert.That(Scope(false).Evaluate("mag(x)"), Is.EqualTo(-1), "log10(False) raises");
        Assert.That(Scope(12345678901234567890m).Evaluate("mag(x)"), Is.EqualTo(19));
        Assert.That(Scope(BigInteger.Pow(10, 400)).Evaluate("mag(x)"), Is.EqualTo(400), "Python ints have no size limit");
        Assert.That(Scope(new Customer()).Evaluate("mag(x)"), Is.EqualTo(-1), "neither sized nor a number");
    }

    [TestCase("mag(8, 2)", 3)]
    [TestCase("mag(1000, 10)", 3)]
    [TestCase("mag(1, 2)", 0)]
    [TestCase("mag(5, 1)", -1)]
    [TestCase("mag(5, 0)", -1)]
    [TestCase("mag(5, -2)", -1)]
    [TestCase("mag(8, 0.5)", -3)]
    [TestCase("mag(\"abcd\", 2)", 2)]
    public void MagTakesABaseAsDiagnoseDoes(string source, int expected) =>
        Assert.That(TestScope.Empty.Evaluate(source), Is.EqualTo(expected));

    [Test]
    public void MagOfANumberCallsTheTypedOverloadWithoutBoxing()
    {
        var call = (MethodCallExpression)Scope(5).Bind("mag(x)");
        Assert.That(call.Method.GetParameters()[0].ParameterType, Is.EqualTo(typeof(double)));
    }
}
