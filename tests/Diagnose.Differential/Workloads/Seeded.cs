using System.Globalization;
using System.Text;

namespace Diagnose.Differential.Workloads;

/// <summary>
/// Inputs made from a seed: the same seed gives the same values in every run and on every runtime (System.Random
/// with a seed uses its fixed legacy algorithm). Includes the awkward values libraries get wrong: edge numbers,
/// escapes, surrogate pairs, empty and long strings.
/// </summary>
internal sealed class Seeded(int seed)
{
    private static readonly string[] s_words =
    [
        "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu",
        "order", "invoice", "customer", "total", "line", "sku", "price", "quantity", "note", "tag", "id", "name",
        "straße", "café", "naïve", "日本", "данные", "عربى", "emoji😀", "tab\there", "quote\"d", "back\\slash",
        "new\nline", "<html>", "a&b", "{brace}", "[bracket]", "colon: x", "- dash", "# hash", "*star*", "_under_",
        "`tick`", "null", "true", "~", "0x1F", "1e5", "", " ", "'single'", "100%", "|pipe|", "@at", "!bang",
    ];

    private static readonly double[] s_doubles =
    [
        0.0, -0.0, 1.0, -1.5, 0.1, 1.0 / 3.0, Math.PI, -Math.E, 1e-300, 1e300, double.Epsilon, double.MaxValue,
        double.MinValue, 123456789.125, 5e-324, 9007199254740993.0, 0.30000000000000004,
    ];

    private readonly Random _random = new(seed);

    public int Int(int min, int max) => _random.Next(min, max);

    public bool Bool() => _random.Next(2) == 1;

    public double Fraction() => _random.NextDouble();

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    public string Word() => Pick(s_words);

    /// <summary>Plain ASCII letters only (identifiers, keys that must stay simple).</summary>
    public string Identifier(int min = 3, int max = 10)
    {
        var text = new StringBuilder();
        var length = Int(min, max + 1);
        for (var i = 0; i < length; i++)
        {
            text.Append((char)('a' + Int(0, 26)));
        }

        return text.ToString();
    }

    public string Sentence(int min = 1, int max = 8)
    {
        var count = Int(min, max + 1);
        return string.Join(' ', Enumerable.Range(0, count).Select(_ => Word()));
    }

    /// <summary>A finite double: an edge value or a random one of any magnitude.</summary>
    public double Double() => Bool()
        ? Pick(s_doubles)
        : (Fraction() - 0.5) * Math.Pow(10, Int(-12, 16));

    public decimal Decimal() => Math.Round((decimal)(Fraction() * 1_000_000) - 500_000m, Int(0, 6));

    public long Long() => ((long)_random.Next() << 32) ^ _random.Next() ^ (Bool() ? long.MinValue : 0);

    /// <summary>A UTC instant between 1900 and 2100, with sub-millisecond ticks.</summary>
    public DateTime Utc() => new DateTime(1900, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMilliseconds(Fraction() * 6_311_390_400_000d).AddTicks(-(Int(0, 10_000)));

    public Guid Guid()
    {
        var bytes = new byte[16];
        _random.NextBytes(bytes);
        return new Guid(bytes);
    }

    public byte[] Bytes(int max)
    {
        var bytes = new byte[Int(0, max + 1)];
        _random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>The round-trip text of a double, culture-independent.</summary>
    public static string R(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string R(float value) => value.ToString("R", CultureInfo.InvariantCulture);
}
