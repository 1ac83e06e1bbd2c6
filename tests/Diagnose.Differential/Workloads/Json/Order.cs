using Newtonsoft.Json;

namespace Diagnose.Differential.Workloads.Json;

public enum OrderState
{
    New,
    Paid,
    Shipped,
    Cancelled,
}

/// <summary>An object graph with most kinds of values a JSON serializer handles.</summary>
public sealed class Order
{
    public int Id { get; set; }

    public string? Customer { get; set; }

    public decimal Total { get; set; }

    public double Weight { get; set; }

    public float Ratio { get; set; }

    public long Sequence { get; set; }

    public DateTime Created { get; set; }

    public DateTimeOffset? Shipped { get; set; }

    public TimeSpan Duration { get; set; }

    public Guid Reference { get; set; }

    public OrderState State { get; set; }

    public char Grade { get; set; }

    public byte[]? Signature { get; set; }

    public int? Parent { get; set; }

    public Uri? Link { get; set; }

    public List<OrderLine> Lines { get; set; } = new();

    public Dictionary<string, string?> Tags { get; set; } = new();

    public Shape? Outline { get; set; }

    public Point Origin { get; set; }

    [JsonIgnore]
    public string Ignored { get; set; } = "never serialized";

    [JsonProperty("renamed_field", NullValueHandling = NullValueHandling.Include)]
    public string? Renamed { get; set; }
}

public sealed class OrderLine
{
    public string Sku { get; set; } = string.Empty;

    public int Quantity { get; set; }

    public double Price { get; set; }

    public bool Gift { get; set; }

    public int[] Dimensions { get; set; } = [];
}

/// <summary>Polymorphic values (TypeNameHandling) and a constructor that Json.NET must call with parameters.</summary>
public abstract class Shape
{
    public string Label { get; set; } = string.Empty;
}

public sealed class Circle : Shape
{
    public double Radius { get; set; }
}

public sealed class Polygon : Shape
{
    [JsonConstructor]
    public Polygon(IReadOnlyList<Point> corners) => Corners = corners;

    public IReadOnlyList<Point> Corners { get; }
}

/// <summary>A struct with a constructor and read-only properties.</summary>
public readonly record struct Point(int X, int Y);
