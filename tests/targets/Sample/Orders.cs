namespace Sample;

public sealed record Customer(string Name, string Region);

public sealed class Order
{
    public Order(int id, Customer customer, decimal total)
    {
        Id = id;
        Customer = customer;
        Total = total;
    }

    public int Id { get; }

    public Customer Customer { get; }

    public decimal Total { get; }
}

/// <summary>A struct result and a struct parameter.</summary>
public readonly record struct Money(long Cents, string Currency)
{
    public Money Add(Money other) => new(Cents + other.Cents, Currency);

    public override string ToString() => $"{Cents / 100m:0.00} {Currency}";
}

public class Checkout
{
    private readonly List<Order> _orders = new();

    public decimal Submit(Order order)
    {
        _orders.Add(order);
        return order.Total;
    }

    public Money Price(int quantity, Money unit) => new(unit.Cents * quantity, unit.Currency);

    public int Count => _orders.Count;
}
