using System.Numerics;
using Newtonsoft.Json;
using Newtonsoft.Json.Converters;
using Newtonsoft.Json.Serialization;

namespace Diagnose.Differential.Workloads.Json;

/// <summary>Seeded orders, odd collections and the serializer settings the workload cycles through.</summary>
internal static class JsonInputs
{
    public static Order Order(Seeded seeded, int id)
    {
        var order = new Order
        {
            Id = id,
            Customer = seeded.Int(0, 8) == 0 ? null : seeded.Sentence(1, 3),
            Total = seeded.Decimal(),
            Weight = seeded.Double(),
            Ratio = (float)seeded.Fraction(),
            Sequence = seeded.Long(),
            Created = DateTime.SpecifyKind(seeded.Utc(), seeded.Pick(new[] { DateTimeKind.Utc, DateTimeKind.Unspecified })),
            Shipped = seeded.Bool() ? null : new DateTimeOffset(DateTime.SpecifyKind(seeded.Utc(), DateTimeKind.Unspecified), TimeSpan.FromMinutes(15 * seeded.Int(-48, 57))),
            Duration = TimeSpan.FromTicks(seeded.Long() % TimeSpan.TicksPerDay * 3),
            Reference = seeded.Guid(),
            State = (OrderState)seeded.Int(0, 4),
            Grade = (char)seeded.Int(32, 127),
            Signature = seeded.Bool() ? seeded.Bytes(24) : null,
            Parent = seeded.Bool() ? seeded.Int(-1000, 1000) : null,
            Link = seeded.Bool() ? new Uri($"https://example.test/{seeded.Identifier()}?q={Uri.EscapeDataString(seeded.Word())}") : null,
            Outline = seeded.Int(0, 3) switch
            {
                0 => null,
                1 => new Circle { Label = seeded.Word(), Radius = seeded.Double() },
                _ => new Polygon(Enumerable.Range(0, seeded.Int(0, 5)).Select(_ => new Point(seeded.Int(-99, 99), seeded.Int(-99, 99))).ToList()) { Label = seeded.Word() },
            },
            Origin = new Point(seeded.Int(int.MinValue, int.MaxValue), seeded.Int(-5, 5)),
            Renamed = seeded.Bool() ? null : seeded.Word(),
        };
        for (var i = seeded.Int(0, 6); i > 0; i--)
        {
            order.Lines.Add(new OrderLine
            {
                Sku = seeded.Identifier(),
                Quantity = seeded.Int(-2, 50),
                Price = seeded.Double(),
                Gift = seeded.Bool(),
                Dimensions = Enumerable.Range(0, seeded.Int(0, 4)).Select(_ => seeded.Int(0, 500)).ToArray(),
            });
        }

        for (var i = seeded.Int(0, 5); i > 0; i--)
        {
            order.Tags[$"{seeded.Word()}{i}"] = seeded.Int(0, 4) == 0 ? null : seeded.Word();
        }

        return order;
    }

    /// <summary>Values of the other shapes Json.NET has converters and contracts for.</summary>
    public static Dictionary<string, object?> Collections(Seeded seeded)
    {
        var grid = new int[seeded.Int(1, 4), seeded.Int(1, 4)];
        for (var r = 0; r < grid.GetLength(0); r++)
        {
            for (var c = 0; c < grid.GetLength(1); c++)
            {
                grid[r, c] = seeded.Int(-9, 9);
            }
        }

        return new Dictionary<string, object?>
        {
            ["byKey"] = Enumerable.Range(0, seeded.Int(0, 4)).ToDictionary(i => i * 7, i => new List<Point> { new(i, -i) }),
            ["set"] = new HashSet<string>(Enumerable.Range(0, seeded.Int(0, 5)).Select(i => $"{seeded.Identifier()}{i}")),
            ["sorted"] = new SortedDictionary<string, double>(Enumerable.Range(0, seeded.Int(0, 4)).ToDictionary(i => $"k{i}", _ => seeded.Double()), StringComparer.Ordinal),
            ["tuple"] = Tuple.Create(seeded.Int(0, 9), seeded.Word()),
            ["valueTuple"] = (seeded.Int(0, 9), seeded.Bool()),
            ["pair"] = new KeyValuePair<string, int>(seeded.Identifier(), seeded.Int(0, 99)),
            ["grid"] = grid,
            ["big"] = BigInteger.Pow(new BigInteger(seeded.Long()), seeded.Int(1, 4)),
            ["flags"] = (AttributeTargets)seeded.Int(0, 1 << 14),
            ["nullable"] = seeded.Bool() ? null : (int?)seeded.Int(0, 9),
            ["chars"] = seeded.Word().ToCharArray(),
            ["version"] = new Version(seeded.Int(0, 9), seeded.Int(0, 9), seeded.Int(0, 9)),
            ["decimals"] = new[] { seeded.Decimal(), decimal.MaxValue, decimal.MinusOne, 0.0000000001m },
            ["nested"] = new object?[] { new object?[] { null, seeded.Word(), new[] { seeded.Long() } }, seeded.Double() },
        };
    }

    public static JsonSerializerSettings Settings(int variant)
    {
        var settings = new JsonSerializerSettings { Culture = System.Globalization.CultureInfo.InvariantCulture };
        switch (variant % 8)
        {
            case 1:
                settings.Formatting = Formatting.Indented;
                settings.ContractResolver = new CamelCasePropertyNamesContractResolver();
                settings.Converters.Add(new StringEnumConverter());
                break;
            case 2:
                settings.NullValueHandling = NullValueHandling.Ignore;
                settings.DefaultValueHandling = DefaultValueHandling.Ignore;
                settings.DateFormatHandling = DateFormatHandling.MicrosoftDateFormat;
                break;
            case 3:
                settings.TypeNameHandling = TypeNameHandling.Auto;
                settings.Formatting = Formatting.Indented;
                break;
            case 4:
                settings.DateTimeZoneHandling = DateTimeZoneHandling.Utc;
                settings.FloatFormatHandling = FloatFormatHandling.String;
                settings.DateFormatString = "yyyy'-'MM'-'dd HH':'mm':'ss.fffK";
                break;
            case 5:
                settings.PreserveReferencesHandling = PreserveReferencesHandling.Objects;
                settings.ContractResolver = new DefaultContractResolver { NamingStrategy = new SnakeCaseNamingStrategy() };
                break;
            case 6:
                settings.StringEscapeHandling = StringEscapeHandling.EscapeNonAscii;
                settings.Converters.Add(new IsoDateTimeConverter { DateTimeFormat = "yyyy-MM-ddTHH:mm:ss.FFFFFFFK" });
                settings.Converters.Add(new VersionConverter());
                break;
            case 7:
                settings.ContractResolver = new DefaultContractResolver { NamingStrategy = new KebabCaseNamingStrategy() };
                settings.FloatParseHandling = FloatParseHandling.Decimal;
                settings.StringEscapeHandling = StringEscapeHandling.EscapeHtml;
                break;
        }

        return settings;
    }
}
