using System.Reflection;
using System.Text;
using Formatting = Newtonsoft.Json.Formatting;
using Diagnose.Differential.Output;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Diagnose.Differential.Workloads.Json;

/// <summary>
/// Newtonsoft.Json: serialize seeded object graphs under eight settings, read them back, query and edit them as
/// LINQ to JSON, stream their tokens, write by hand, convert to XML, read truncated (broken) JSON, and do the same
/// through the async readers and writers.
/// </summary>
internal sealed class NewtonsoftWorkload : IWorkload
{
    public string Library => "Newtonsoft.Json";

    public Assembly Assembly => typeof(JsonConvert).Assembly;

    public void Run(CaseWriter output, int inputs)
    {
        for (var i = 0; i < inputs; i++)
        {
            var seeded = new Seeded(1000 + i);
            var order = JsonInputs.Order(seeded, i);
            var settings = JsonInputs.Settings(i);
            var json = JsonConvert.SerializeObject(order, settings);
            output.Case($"json/serialize/{i}", text => text.Append(json));
            output.Case($"json/roundtrip/{i}", text => RoundTrip(order, i, text));
            output.Case($"json/linq/{i}", text => Linq(JsonConvert.SerializeObject(order), seeded, text));
            output.Case($"json/tokens/{i}", text => Tokens(json, i, text));
            output.Case($"json/writer/{i}", text => Writer(seeded, i, text));
            output.Case($"json/collections/{i}", text => Collections(seeded, settings, text));
            output.Case($"json/broken/{i}", text => Broken(json, seeded, settings, text));
            output.Case($"json/xml/{i}", text => Xml(JsonConvert.SerializeObject(order), text));
            output.Case($"json/async/{i}", text => ReadAndWriteAsync(json, text).GetAwaiter().GetResult());
            output.Case($"json/values/{i}", text => Values(seeded, text));
        }
    }

    /// <summary>Serialize, read back, serialize again (with type names: the outline is abstract); both texts.</summary>
    private static void RoundTrip(Order order, int variant, StringBuilder text)
    {
        var settings = JsonInputs.Settings(variant);
        settings.TypeNameHandling = TypeNameHandling.Auto;
        var json = JsonConvert.SerializeObject(order, settings);
        var back = JsonConvert.DeserializeObject<Order>(json, settings);
        var again = JsonConvert.SerializeObject(back, settings);
        text.Append(json).Append('\n').Append(again == json ? "same" : again);
    }

    private static void Linq(string json, Seeded seeded, StringBuilder text)
    {
        var root = JObject.Parse(json);
        text.Append(root.Properties().Count()).Append(' ').Append(root.Descendants().Count()).Append('\n');
        foreach (var sku in root.SelectTokens("$.Lines[?(@.Quantity > 10)].Sku"))
        {
            text.Append("sku ").Append(sku).Append('\n');
        }

        text.Append("first price ").Append(root.SelectToken("Lines[0].Price")?.ToString(Formatting.None) ?? "none").Append('\n');
        var copy = (JObject)root.DeepClone();
        text.Append("deep equal ").Append(JToken.DeepEquals(root, copy)).Append('\n');
        copy["Added"] = new JArray(seeded.Int(0, 9), seeded.Word(), JValue.CreateNull(), new JObject { ["x"] = seeded.Double() });
        copy.Remove("Tags");
        if (copy["Lines"] is JArray lines && lines.Count > 0)
        {
            lines.RemoveAt(0);
            lines.Add(JToken.FromObject(new OrderLine { Sku = seeded.Identifier(), Quantity = seeded.Int(0, 9) }));
        }

        copy.Merge(JObject.Parse("{\"Id\": -1, \"Lines\": [{\"Sku\": \"merged\"}], \"Extra\": {\"a\": [1, 2]}}"), new JsonMergeSettings { MergeArrayHandling = (MergeArrayHandling)seeded.Int(0, 4) });
        text.Append("deep equal after edit ").Append(JToken.DeepEquals(root, copy)).Append('\n');
        text.Append(copy.ToString(Formatting.Indented)).Append('\n');
        var back = copy.ToObject<Dictionary<string, object>>()!;
        text.Append(string.Join(",", back.Keys)).Append('\n');
        foreach (var value in copy.Descendants().OfType<JValue>())
        {
            text.Append(value.Type).Append(':').Append(value.Path).Append(';');
        }
    }

    private static void Tokens(string json, int variant, StringBuilder text)
    {
        using var reader = new JsonTextReader(new StringReader(json))
        {
            DateParseHandling = (DateParseHandling)(variant % 3),
            FloatParseHandling = (FloatParseHandling)(variant % 2),
            DateTimeZoneHandling = (DateTimeZoneHandling)(variant % 4),
            Culture = System.Globalization.CultureInfo.InvariantCulture,
        };
        while (reader.Read())
        {
            text.Append(reader.TokenType).Append(' ').Append(reader.Path).Append(' ').Append(Show(reader.Value)).Append(' ').Append(reader.LineNumber).Append(':').Append(reader.LinePosition).Append('\n');
        }
    }

    private static void Writer(Seeded seeded, int variant, StringBuilder text)
    {
        using var target = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        using (var writer = new JsonTextWriter(target)
        {
            Formatting = variant % 2 == 0 ? Formatting.Indented : Formatting.None,
            QuoteChar = variant % 3 == 0 ? '\'' : '"',
            StringEscapeHandling = (StringEscapeHandling)(variant % 3),
            FloatFormatHandling = (FloatFormatHandling)(variant % 3),
            Indentation = 1 + variant % 4,
        })
        {
            writer.WriteStartObject();
            writer.WritePropertyName(seeded.Word());
            writer.WriteValue(seeded.Sentence());
            writer.WritePropertyName("numbers");
            writer.WriteStartArray();
            writer.WriteValue(seeded.Double());
            writer.WriteValue(double.NaN);
            writer.WriteValue(float.NegativeInfinity);
            writer.WriteValue(seeded.Decimal());
            writer.WriteValue(seeded.Long());
            writer.WriteValue((ulong)seeded.Long());
            writer.WriteValue((byte)seeded.Int(0, 256));
            writer.WriteEndArray();
            writer.WritePropertyName("when");
            writer.WriteValue(seeded.Utc());
            writer.WritePropertyName("bytes");
            writer.WriteValue(seeded.Bytes(9));
            writer.WriteComment(seeded.Word());
            writer.WritePropertyName("raw");
            writer.WriteRawValue("[1,2]");
            writer.WritePropertyName("null");
            writer.WriteNull();
            writer.WritePropertyName("undefined");
            writer.WriteUndefined();
            writer.WritePropertyName("guid");
            writer.WriteValue(seeded.Guid());
            writer.WritePropertyName("span");
            writer.WriteValue(TimeSpan.FromMilliseconds(seeded.Int(0, 1 << 30)));
            writer.WriteEndObject();
        }

        text.Append(target);
    }

    private static void Collections(Seeded seeded, JsonSerializerSettings settings, StringBuilder text)
    {
        var values = JsonInputs.Collections(seeded);
        var json = JsonConvert.SerializeObject(values, settings);
        text.Append(json).Append('\n');
        var untyped = JsonConvert.DeserializeObject(json, settings);
        text.Append(untyped?.GetType().Name).Append(' ').Append(JsonConvert.SerializeObject(untyped)).Append('\n');
        var grid = JsonConvert.DeserializeObject<int[,]>(JsonConvert.SerializeObject(values["grid"]));
        text.Append("grid ").Append(grid?.GetLength(0)).Append('x').Append(grid?.GetLength(1)).Append('\n');
        var byKey = JsonConvert.DeserializeObject<Dictionary<int, List<Point>>>(JsonConvert.SerializeObject(values["byKey"]));
        text.Append("byKey ").Append(string.Join(";", byKey!.Select(p => $"{p.Key}={string.Join("|", p.Value)}")));
    }

    private static void Broken(string json, Seeded seeded, JsonSerializerSettings settings, StringBuilder text)
    {
        var cuts = new[] { json.Length / 2, seeded.Int(0, json.Length), json.Length - 1, 1 };
        foreach (var cut in cuts)
        {
            var broken = json[..Math.Max(0, cut)] + (cut % 3 == 0 ? "}" : cut % 3 == 1 ? ",]" : string.Empty);
            try
            {
                var order = JsonConvert.DeserializeObject<Order>(broken, settings);
                text.Append("read ").Append(order?.Id).Append('\n');
            }
            catch (JsonException e)
            {
                text.Append(CaseWriter.Describe(e)).Append('\n');
            }
        }

        foreach (var bad in new[] { "{\"Id\": \"x\"}", "{\"Created\": \"not a date\"}", "{\"Lines\": {}}", "[1,", "{\"a\":1}}", "nul", "{'Id':1e400}", "{\"Id\": 2147483648}" })
        {
            try
            {
                text.Append(JsonConvert.DeserializeObject<Order>(bad)?.Id).Append('\n');
            }
            catch (JsonException e)
            {
                text.Append(CaseWriter.Describe(e)).Append('\n');
            }
        }
    }

    private static void Xml(string json, StringBuilder text)
    {
        System.Xml.XmlDocument? document = JsonConvert.DeserializeXmlNode(json, "order", writeArrayAttribute: true);
        text.Append(document?.OuterXml).Append('\n');
        text.Append(JsonConvert.SerializeXmlNode(document, Formatting.None, omitRootObject: true));
    }

    private static async Task ReadAndWriteAsync(string json, StringBuilder text)
    {
        using var reader = new JsonTextReader(new StringReader(json));
        var token = await JToken.ReadFromAsync(reader).ConfigureAwait(false);
        await using var target = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        await using (var writer = new JsonTextWriter(target) { Formatting = Formatting.Indented })
        {
            await token.WriteToAsync(writer).ConfigureAwait(false);
            await writer.FlushAsync().ConfigureAwait(false);
        }

        text.Append(target);
        using var again = new JsonTextReader(new StringReader(json));
        var count = 0;
        while (await again.ReadAsync().ConfigureAwait(false))
        {
            count++;
        }

        text.Append('\n').Append(count);
    }

    private static void Values(Seeded seeded, StringBuilder text)
    {
        var number = seeded.Double();
        text.Append(JsonConvert.ToString(number)).Append(' ').Append(JsonConvert.ToString(double.NaN)).Append(' ').Append(JsonConvert.ToString(seeded.Decimal())).Append('\n');
        text.Append(JsonConvert.ToString(seeded.Sentence(), '"', StringEscapeHandling.EscapeNonAscii)).Append('\n');
        text.Append(JsonConvert.ToString(seeded.Utc(), DateFormatHandling.IsoDateFormat, DateTimeZoneHandling.RoundtripKind)).Append('\n');
        var a = new JValue(seeded.Int(-5, 5));
        var b = new JValue(seeded.Double());
        var c = new JValue(seeded.Word());
        text.Append(a.CompareTo(b)).Append(' ').Append(a.Equals(b)).Append(' ').Append(c.CompareTo(new JValue(seeded.Word()))).Append('\n');
        text.Append(Seeded.R((double)b)).Append(' ').Append((int)a).Append(' ').Append((string?)c).Append(' ').Append((bool)new JValue(seeded.Bool())).Append('\n');
        var parsed = JToken.Parse($"[{Seeded.R(number)}, \"{seeded.Utc():O}\", {seeded.Long()}, 1.5e300, -0.0]");
        foreach (var item in parsed)
        {
            text.Append(item.Type).Append('=').Append(Show(((JValue)item).Value)).Append(';');
        }
    }

    private static string Show(object? value) => value switch
    {
        null => "null",
        double d => "d" + Seeded.R(d),
        float f => "f" + Seeded.R(f),
        decimal m => "m" + m.ToString(System.Globalization.CultureInfo.InvariantCulture),
        DateTime t => "t" + t.ToString("O", System.Globalization.CultureInfo.InvariantCulture) + t.Kind,
        DateTimeOffset o => "o" + o.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        IFormattable f => value.GetType().Name + ":" + f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.GetType().Name + ":" + value,
    };
}
