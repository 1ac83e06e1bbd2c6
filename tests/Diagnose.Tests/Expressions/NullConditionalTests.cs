using NUnit.Framework;

namespace Diagnose.Tests.Expressions;

public sealed class NullConditionalTests
{
    private static TestScope Scope(Order? order) => TestScope.Empty.With("order", order);

    private static Order WithoutCustomer() => new() { Customer = null, Items = null! };

    private static Order WithAddress() => new() { Customer = new Customer { Address = new Address { City = "Lyon", Zip = 69001 } } };

    [Test]
    public void AConditionalAccessReadsThroughANonNullReceiver()
    {
        Assert.That(Scope(new Order()).Evaluate("order.Customer?.Region"), Is.EqualTo("eu"));
        Assert.That(Scope(new Order()).Evaluate("order?.Items?[0].Name"), Is.EqualTo("pen"));
        Assert.That(Scope(new Order()).Evaluate("order.Items?.[1].Name"), Is.EqualTo("ink"));
    }

    [Test]
    public void ANullReceiverMakesTheWholeChainNull()
    {
        Assert.That(Scope(WithoutCustomer()).Evaluate("order.Customer?.Region.Length"), Is.Null);
        Assert.That(Scope(WithoutCustomer()).Evaluate("order.Items?[0].Name"), Is.Null);
        Assert.That(Scope(null).Evaluate("order?.Customer?.Region"), Is.Null);
    }

    [Test]
    public void AValueTypeAtTheEndOfAConditionalChainBecomesNullable()
    {
        Assert.That(Scope(new Order()).Bind("order.Customer?.Region.Length").Type, Is.EqualTo(typeof(int?)));
        Assert.That(Scope(new Order()).Evaluate("order.Customer?.Region.Length"), Is.EqualTo(2));
        Assert.That(Scope(null).Bind("order?.Id").Type, Is.EqualTo(typeof(int?)));
        Assert.That(Scope(null).Evaluate("order?.Id"), Is.Null);
    }

    [Test]
    public void AConditionalAccessOnANullableStructReadsItsValue()
    {
        Assert.That(Scope(WithAddress()).Evaluate("order.Customer?.Address?.City"), Is.EqualTo("Lyon"));
        Assert.That(Scope(WithAddress()).Evaluate("order.Customer?.Address?.Zip"), Is.EqualTo(69001));
        Assert.That(Scope(new Order()).Evaluate("order.Customer?.Address?.Zip"), Is.Null);
    }

    [Test]
    public void CoalescingSuppliesADefaultForNulls()
    {
        Assert.That(Scope(new Order()).Evaluate<int>("order.Discount ?? 0"), Is.EqualTo(0));
        Assert.That(Scope(new Order()).Evaluate<string>("order.Customer?.Nickname ?? \"none\""), Is.EqualTo("none"));
        Assert.That(Scope(null).Evaluate<int>("order?.Customer?.Region.Length ?? -1"), Is.EqualTo(-1));
        Assert.That(Scope(new Order { Discount = 5 }).Evaluate<int>("order.Discount ?? 0"), Is.EqualTo(5));
    }

    [Test]
    public void AConditionalChainWithACallAndALambdaWorks()
    {
        Assert.That(Scope(new Order()).Evaluate("order.Items?.Count(i => i.Ok)"), Is.EqualTo(2));
        Assert.That(Scope(WithoutCustomer()).Evaluate("order.Items?.Count(i => i.Ok)"), Is.Null);
    }

    [Test]
    public void AConditionalReceiverIsEvaluatedOnce()
    {
        var scope = TestScope.Empty.With("counter", new Counter());
        Assert.That(scope.Evaluate("counter.Next?.Length"), Is.EqualTo(1));
        Assert.That(scope.Evaluate("counter.Calls"), Is.EqualTo(1), "Next was read once, not once for the test and once for the value");
    }

    public sealed class Counter
    {
        private int calls;

        public int Calls => calls;

        public string? Next => (++calls).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    [Test]
    public void ANullableBooleanCountsAsFalseInACondition()
    {
        var scope = TestScope.Empty.With("flag", (bool?)null).With("order", new Order());
        Assert.That(scope.Evaluate("flag && true"), Is.False);
        Assert.That(scope.Evaluate("flag ? 1 : 2"), Is.EqualTo(2));
        Assert.That(scope.Evaluate("order.Items?[0].Ok && true"), Is.True);
    }
}
