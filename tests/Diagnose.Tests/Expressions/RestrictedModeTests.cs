using System.Diagnostics;
using Diagnose.Expressions;
using NUnit.Framework;

namespace Diagnose.Tests.Expressions;

/// <summary>Restricted mode (the default) refuses side effects at bind time; unrestricted mode allows them.</summary>
public sealed class RestrictedModeTests
{
    private static readonly ExpressionOptions Unrestricted = new() { Unrestricted = true };

    private static TestScope Scope(ExpressionOptions? options = null) => new TestScope { Options = options ?? ExpressionOptions.Default }
        .With("order", new Order()).With("items", new List<int> { 1, 2 }).With("count", 1).With("callback", (Func<int>)(() => 1));

    [OneTimeSetUp]
    public void LoadTheAssembliesTheExpressionsName() => _ = typeof(Process).Assembly;

    [TestCase("System.IO.File.Delete(\"x\")", "calling 'System.IO.File.Delete' is not allowed (side effects) at 15 in \"System.IO.File.Delete(\"x\")\"")]
    [TestCase("System.Diagnostics.Process.Start(\"sh\")", "calling 'System.Diagnostics.Process.Start' is not allowed (side effects) at 27 in \"System.Diagnostics.Process.Start(\"sh\")\"")]
    [TestCase("Activator.CreateInstance(typeof(object))", "calling 'System.Activator.CreateInstance' is not allowed (side effects) at 10 in \"Activator.CreateInstance(typeof(object))\"")]
    [TestCase("Environment.SetEnvironmentVariable(\"a\", \"b\")", "calling 'System.Environment.SetEnvironmentVariable' is not allowed (side effects) at 12 in \"Environment.SetEnvironmentVariable(\"a\", \"b\")\"")]
    [TestCase("typeof(string).GetMethods()", "calling 'System.Type.GetMethods' is not allowed (side effects) at 15 in \"typeof(string).GetMethods()\"")]
    [TestCase("typeof(string).InvokeMember(\"x\", 0, null, null, null)", "calling 'System.Type.InvokeMember' is not allowed (side effects) at 15 in \"typeof(string).InvokeMember(\"x\", 0, null, null, null)\"")]
    [TestCase("System.Threading.Thread.Sleep(1)", "calling 'System.Threading.Thread.Sleep' is not allowed (side effects) at 24 in \"System.Threading.Thread.Sleep(1)\"")]
    [TestCase("System.Threading.Tasks.Task.Delay(1)", "calling 'System.Threading.Tasks.Task.Delay' is not allowed (side effects) at 28 in \"System.Threading.Tasks.Task.Delay(1)\"")]
    [TestCase("order.Recalculate()", "calling 'Diagnose.Tests.Expressions.Order.Recalculate' is not allowed (side effects) at 6 in \"order.Recalculate()\"")]
    [TestCase("items.Select(i => System.IO.File.Exists(\"x\")).Any()", "calling 'System.IO.File.Exists' is not allowed (it reads the environment, configuration or file system) at 33 in \"items.Select(i => System.IO.File.Exists(\"x\")).Any()\"")]
    [TestCase("callback()", "invoking 'System.Func<int>' is not allowed (side effects) at 0 in \"callback()\"")]
    [TestCase("callback.DynamicInvoke()", "calling 'System.Delegate.DynamicInvoke' is not allowed (side effects) at 9 in \"callback.DynamicInvoke()\"")]
    [TestCase("Environment.Exit(1)", "calling 'System.Environment.Exit' is not allowed (side effects) at 12 in \"Environment.Exit(1)\"")]
    [TestCase("items.Clear()", "calling 'System.Collections.Generic.List<int>.Clear' is not allowed (side effects) at 6 in \"items.Clear()\"")]
    [TestCase("order.Items.Add(null)", "calling 'System.Collections.Generic.List<Diagnose.Tests.Expressions.Item>.Add' is not allowed (side effects) at 12 in \"order.Items.Add(null)\"")]
    public void ACallWithSideEffectsIsRefusedNamingTheMember(string source, string message) =>
        Assert.That(Scope().ErrorOf(source), Is.EqualTo(message));

    [TestCase("order.Total = 5", "assigning 'Diagnose.Tests.Expressions.Order.Total' is not allowed (side effects) at 6 in \"order.Total = 5\"")]
    [TestCase("order.Id += 1", "assigning 'Diagnose.Tests.Expressions.Order.Id' is not allowed (side effects) at 6 in \"order.Id += 1\"")]
    [TestCase("order.Id++", "assigning 'Diagnose.Tests.Expressions.Order.Id' is not allowed (side effects) at 6 in \"order.Id++\"")]
    [TestCase("--count", "assigning 'count' is not allowed (side effects) at 2 in \"--count\"")]
    public void AnAssignmentIsRefusedNamingTheMember(string source, string message) =>
        Assert.That(Scope().ErrorOf(source), Is.EqualTo(message));

    [Test]
    public void UnrestrictedModeAllowsCallsWithSideEffects()
    {
        var order = new Order();
        var scope = new TestScope { Options = Unrestricted }.With("order", order);
        Assert.That(scope.Evaluate("System.IO.File.Exists(\"/definitely/not/here\")"), Is.False);
        scope.Evaluate("order.Recalculate()");
        Assert.That(order.Total, Is.EqualTo(151m));
    }

    [Test]
    public void UnrestrictedModeAllowsAssignments()
    {
        var order = new Order();
        var scope = new TestScope { Options = Unrestricted }.With("order", order);
        Assert.That(scope.Evaluate("order.Total = 5"), Is.EqualTo(5m));
        Assert.That(scope.Evaluate("order.Id += 2"), Is.EqualTo(9));
        Assert.That(scope.Evaluate("order.Id++"), Is.EqualTo(9));
        Assert.That(scope.Evaluate("order.Customer.Nickname ??= \"n\""), Is.EqualTo("n"));
        Assert.That((order.Total, order.Id, order.Customer!.Nickname), Is.EqualTo((5m, 10, "n")));
        Assert.That(scope.ErrorOf("order.Id + 1 = 3"), Is.EqualTo("cannot assign to this expression at 9 in \"order.Id + 1 = 3\""));
    }

    [Test]
    public void ReadingFieldsAndPropertiesIsAlwaysAllowed()
    {
        Assert.That(Scope().Evaluate("typeof(string).FullName"), Is.EqualTo(typeof(string).FullName));
        Assert.That(Scope().Evaluate("Environment.ProcessId"), Is.EqualTo(Environment.ProcessId));
        Assert.That(Scope().Evaluate("order.secret.Length"), Is.EqualTo(6));
    }

    [Test]
    public void ReadOnlyMethodsOfStringsCollectionsAndValuesAreAllowed()
    {
        var scope = Scope();
        Assert.That(scope.Evaluate("\"a,b\".Split(',').Length + \" x \".Trim().Length"), Is.EqualTo(3));
        Assert.That(scope.Evaluate("items.Contains(2) && items.IndexOf(2) == 1"), Is.True);
        Assert.That(scope.Evaluate("Guid.Empty.ToString(\"N\").Length"), Is.EqualTo(32));
        Assert.That(scope.Evaluate("TimeSpan.FromMinutes(90).ToString()"), Is.EqualTo("01:30:00"));
        Assert.That(scope.Evaluate("order.Status.HasFlag(Diagnose.Tests.Expressions.OrderStatus.New)"), Is.True);
        Assert.That(scope.Evaluate("Math.Abs(-2) + MathF.Sqrt(4f)"), Is.EqualTo(4f));
        Assert.That(scope.Evaluate("string.IsNullOrEmpty(order.Customer.Nickname)"), Is.True);
        Assert.That(scope.Evaluate("order.Counts.GetValueOrDefault(\"zz\", -1)"), Is.EqualTo(-1));
    }
}
