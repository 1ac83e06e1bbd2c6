namespace Diagnose.Benchmarks.Expressions;

/// <summary>A real type for the typical expression <c>order.Total * 2 &gt; 100 &amp;&amp; order.Customer.Region == "eu"</c>.</summary>
public sealed class Order
{
    public Order(decimal total, Customer customer)
    {
        Total = total;
        Customer = customer;
    }

    public decimal Total { get; }

    public Customer Customer { get; }
}
