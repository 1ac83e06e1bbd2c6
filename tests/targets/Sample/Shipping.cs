namespace Sample;

/// <summary>An object graph for snapshots: nesting, a cycle, collections, a struct, nulls, long text and secrets.</summary>
public sealed class Shipment
{
    public int Id { get; init; }

    public Address? To { get; init; }

    public List<Parcel> Parcels { get; } = new();

    public Dictionary<string, string> Headers { get; } = new();

    public Dimensions Size { get; init; }

    public string Note { get; init; } = "";

    public int[] Codes { get; init; } = [];

    public string? Missing { get; init; }

    public string ApiKey { get; init; } = "";

    public Wide Extra { get; } = new();
}

public sealed record Address(string City, Geo Location);

public sealed record Geo(double Latitude, double Longitude, Grid Cell);

public sealed record Grid(int Row, int Column);

public sealed class Parcel(double kg, Shipment owner)
{
    public double Kg { get; } = kg;

    /// <summary>Back to the shipment: a cycle.</summary>
    public Shipment Owner { get; } = owner;
}

public readonly record struct Dimensions(int Width, int Height);

/// <summary>More fields than a snapshot takes of one object (20).</summary>
public sealed class Wide
{
#pragma warning disable CS0414, IDE0051 // read by snapshots only
    private int f01 = 1, f02 = 2, f03 = 3, f04 = 4, f05 = 5, f06 = 6, f07 = 7, f08 = 8, f09 = 9, f10 = 10;
    private int f11 = 11, f12 = 12, f13 = 13, f14 = 14, f15 = 15, f16 = 16, f17 = 17, f18 = 18, f19 = 19, f20 = 20;
    private int f21 = 21, f22 = 22, f23 = 23, f24 = 24, f25 = 25;
#pragma warning restore CS0414, IDE0051
}

public static class Shipping
{
    /// <summary>The method the snapshot tests probe: two locals, a parameter with a secret's name.</summary>
    public static string Ship(Shipment shipment, int copies, string password)
    {
        var label = $"{shipment.Id}-{copies}";
        var weight = 0.0;
        foreach (var parcel in shipment.Parcels)
        {
            weight += parcel.Kg;
        }

        return password.Length > 0 ? $"{label}/{weight}" : label;
    }

    /// <summary>A shipment with every case: built the same way each time.</summary>
    public static Shipment Make(int id)
    {
        var shipment = new Shipment
        {
            Id = id,
            To = new Address("Lyon", new Geo(45.76, 4.84, new Grid(3, 7))),
            Size = new Dimensions(40, 30),
            Note = new string('n', 300),
            Codes = Enumerable.Range(0, 150).ToArray(),
            ApiKey = "key-1234-secret",
        };
        shipment.Parcels.Add(new Parcel(1.5, shipment));
        shipment.Parcels.Add(new Parcel(2.25, shipment));
        shipment.Headers["Accept"] = "application/json";
        shipment.Headers["Authorization"] = "Bearer abc.def";
        return shipment;
    }
}
