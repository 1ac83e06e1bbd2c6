using Diagnose.Expressions;
using NUnit.Framework;

namespace Diagnose.Tests.Expressions;

public sealed class GlobalsTests
{
    private static ExpressionOptions With(params (string Name, object? Value)[] globals)
    {
        var all = ExpressionOptions.BuiltinGlobals.ToDictionary(p => p.Key, p => p.Value);
        foreach (var (name, value) in globals)
        {
            all[name] = value;
        }

        return new ExpressionOptions { Globals = all };
    }

    [Test]
    public void ARegisteredDelegateIsCallableInRestrictedMode()
    {
        var options = With(("twice", (Func<int, int>)(x => x * 2)));
        Assert.That(new TestScope { Options = options }.With("amount", 21).Evaluate("twice(amount)"), Is.EqualTo(42));
    }

    [Test]
    public void ARegisteredDelegateMayCaptureStateAndConvertItsArguments()
    {
        var seen = new List<long>();
        var options = With(("remember", (Func<long, bool>)(x => { seen.Add(x); return true; })));
        Assert.That(new TestScope { Options = options }.With("amount", 21).Evaluate("remember(amount + 1)"), Is.True);
        Assert.That(seen, Is.EqualTo(new[] { 22L }));
    }

    [Test]
    public void ARegisteredDelegateMayTakeALambda()
    {
        var options = With(("apply", (Func<Func<int, int>, int>)(f => f(10))));
        Assert.That(new TestScope { Options = options }.Evaluate("apply(x => x + 1)"), Is.EqualTo(11));
    }

    [Test]
    public void ARegisteredValueIsAConstant()
    {
        var options = With(("threshold", 10), ("label", "big"));
        var scope = new TestScope { Options = options }.With("amount", 21);
        Assert.That(scope.Evaluate("amount > threshold ? label : \"small\""), Is.EqualTo("big"));
        Assert.That(scope.Bind("threshold"), Is.InstanceOf<System.Linq.Expressions.ConstantExpression>());
    }

    [Test]
    public void AContextNameHidesAGlobalValueOfTheSameName()
    {
        var options = With(("threshold", 10));
        Assert.That(new TestScope { Options = options }.With("threshold", 99).Evaluate("threshold"), Is.EqualTo(99));
    }

    [Test]
    public void AUserDelegateCanReplaceABuiltin()
    {
        var options = With(("len", (Func<string, int>)(_ => 99)));
        Assert.That(new TestScope { Options = options }.Evaluate("len(\"ab\")"), Is.EqualTo(99));
    }

    [Test]
    public void WithoutTheBuiltinsLenIsUnknown()
    {
        var options = new ExpressionOptions { Globals = new Dictionary<string, object?>() };
        Assert.That(new TestScope { Options = options }.ErrorOf("len(\"ab\")"), Is.EqualTo("unknown name 'len' at 0 in \"len(\"ab\")\""));
    }

    [Test]
    public void ADelegateCalledWithTheWrongArgumentsIsABindingError()
    {
        var options = With(("twice", (Func<int, int>)(x => x * 2)));
        Assert.That(new TestScope { Options = options }.ErrorOf("twice(\"a\")"), Is.EqualTo("'System.Func<int, int>' does not take arguments (string) at 0 in \"twice(\"a\")\""));
    }

    [Test]
    public void TheDefaultOptionsHaveLenAndMag() =>
        Assert.That(ExpressionOptions.Default.Globals.Keys, Is.EquivalentTo(new[] { "len", "mag" }));
}
