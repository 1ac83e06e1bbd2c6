namespace Diagnose.Tests.Expressions;

// Types the expression tests read: public and non-public members, statics, nested types, indexers.
#pragma warning disable CS0414, CA1822, IDE0051 // members are read by expressions, through reflection

public enum OrderStatus
{
    New,
    Paid,
    Shipped,
}

[Flags]
public enum Features
{
    None = 0,
    Gift = 1,
    Express = 2,
}

public sealed record Item(string Name, decimal Price, int Quantity)
{
    public bool Ok => Quantity > 0;

    public decimal Total => Price * Quantity;
}

public class Customer
{
    public string Region { get; set; } = "eu";

    public string? Nickname { get; set; }

    public Address? Address { get; set; }
}

public struct Address
{
    public string City { get; set; }

    public int Zip;
}

public class Order
{
    public const int MaxLines = 100;

    public static int Created = 42;

    private readonly string secret = "s3cr3t";

    public Order()
    {
        Items = [new Item("pen", 2.5m, 4), new Item("ink", 12m, 1), new Item("pad", 4m, 0)];
    }

    public int Id { get; set; } = 7;

    public decimal Total { get; set; } = 150m;

    public Customer? Customer { get; set; } = new();

    public List<Item> Items { get; set; }

    public OrderStatus Status { get; set; } = OrderStatus.Paid;

    public int? Discount { get; set; }

    public DateTime PlacedAt { get; set; } = new(2024, 5, 17, 10, 30, 0, DateTimeKind.Utc);

    public Dictionary<string, int> Counts { get; } = new() { ["a"] = 1, ["b"] = 2 };

    public int[,] Grid { get; } = { { 1, 2 }, { 3, 4 } };

    public Line FirstLine { get; } = new() { Sku = "A-1" };

    internal static string Prefix => "ORD";

    private int Hidden => 99;

    public int this[int line] => line * 10;

    public string this[string key, int times] => string.Concat(Enumerable.Repeat(key, times));

    public string Describe() => $"order {Id}";

    public string Describe(string prefix) => $"{prefix} {Id}";

    public void Recalculate() => Total += 1;

    private string Whisper() => secret.ToUpperInvariant();

    public sealed class Line
    {
        public string Sku { get; set; } = "";

        public static string Kind => "line";
    }
}

public interface IShape
{
    double Area { get; }
}

/// <summary>A shape whose run-time type is not public: late binding must still reach its members.</summary>
public static class Shapes
{
    public static IShape Circle(double radius) => new CircleShape(radius);

    public static object Boxed(double radius) => new CircleShape(radius);

    private sealed class CircleShape(double radius) : IShape
    {
        public double Radius => radius;

        public double Area => Math.PI * radius * radius;

        public double Scale(double factor) => radius * factor;

        public string this[string key] => key + radius;
    }
}
#pragma warning restore CS0414, CA1822, IDE0051
