namespace Diagnose.EndToEnd.Tests.Support;

/// <summary>One data point of an exported metric, with its metric's resource and scope.</summary>
/// <param name="Kind">sum, gauge or histogram.</param>
/// <param name="Value">A sum's or gauge's value; a histogram's sum.</param>
/// <param name="Count">A histogram's count (0 otherwise).</param>
internal sealed record OtlpMetricPoint(Attributes Resource, string Scope, string Name, string Kind, bool Monotonic, Attributes Attributes, double Value, ulong Count);

/// <summary>One exported log record, with its resource and scope.</summary>
internal sealed record OtlpLogRecord(Attributes Resource, string Scope, string? Body, string Severity, Attributes Attributes);

/// <summary>Attributes by key (an OTLP KeyValue list): string, bool, long, double, or object?[] for arrays.</summary>
internal sealed class Attributes(Dictionary<string, object?> values)
{
    public object? this[string key] => values.TryGetValue(key, out var value) ? value : null;

    public IReadOnlyDictionary<string, object?> All => values;

    public override string ToString() => "{" + string.Join(", ", values.Select(v => $"{v.Key}={v.Value}")) + "}";
}

/// <summary>
/// Decodes the bodies of OTLP/HTTP exports (opentelemetry-proto, collector/metrics/v1 and collector/logs/v1) into the
/// fields the tests check. The field numbers are the .proto files' ones; other fields are skipped.
/// </summary>
internal static class OtlpMessages
{
    private delegate void ItemReader(Attributes resource, string scope, ReadOnlySpan<byte> item);

    /// <summary>ExportMetricsServiceRequest { repeated ResourceMetrics resource_metrics = 1; }</summary>
    public static List<OtlpMetricPoint> Metrics(ReadOnlySpan<byte> body)
    {
        var points = new List<OtlpMetricPoint>();
        Request(body, (resource, scope, metric) => Metric(metric, resource, scope, points));
        return points;
    }

    /// <summary>ExportLogsServiceRequest { repeated ResourceLogs resource_logs = 1; }</summary>
    public static List<OtlpLogRecord> Logs(ReadOnlySpan<byte> body)
    {
        var records = new List<OtlpLogRecord>();
        Request(body, (resource, scope, log) => records.Add(LogRecord(log, resource, scope)));
        return records;
    }

    /// <summary>
    /// Both requests have one shape: { repeated Resource* = 1 }, Resource* { Resource resource = 1; repeated Scope*
    /// = 2; }, Scope* { InstrumentationScope scope = 1; repeated item = 2; }; <paramref name="read"/> gets each item.
    /// </summary>
    private static void Request(ReadOnlySpan<byte> body, ItemReader read)
    {
        var reader = new ProtobufReader(body);
        while (reader.Next())
        {
            if (reader.Field == 1)
            {
                ResourceEntry(reader.Bytes(), read);
            }
            else
            {
                reader.Skip();
            }
        }
    }

    private static void ResourceEntry(ReadOnlySpan<byte> data, ItemReader read)
    {
        var resource = new Attributes([]);
        var scopes = new List<byte[]>();
        var reader = new ProtobufReader(data);
        while (reader.Next())
        {
            switch (reader.Field)
            {
                case 1: resource = Resource(reader.Bytes()); break;
                case 2: scopes.Add(reader.Bytes().ToArray()); break;
                default: reader.Skip(); break;
            }
        }

        foreach (var scope in scopes)
        {
            var scopeName = string.Empty;
            var items = new List<byte[]>();
            var scopeReader = new ProtobufReader(scope);
            while (scopeReader.Next())
            {
                switch (scopeReader.Field)
                {
                    case 1: scopeName = ScopeName(scopeReader.Bytes()); break;
                    case 2: items.Add(scopeReader.Bytes().ToArray()); break;
                    default: scopeReader.Skip(); break;
                }
            }

            foreach (var item in items)
            {
                read(resource, scopeName, item);
            }
        }
    }

    /// <summary>Metric { string name = 1; oneof data { Gauge gauge = 5; Sum sum = 7; Histogram histogram = 9; … } }</summary>
    private static void Metric(ReadOnlySpan<byte> data, Attributes resource, string scope, List<OtlpMetricPoint> points)
    {
        var name = string.Empty;
        var kind = string.Empty;
        byte[]? body = null;
        var reader = new ProtobufReader(data);
        while (reader.Next())
        {
            switch (reader.Field)
            {
                case 1: name = reader.String(); break;
                case 5: kind = "gauge"; body = reader.Bytes().ToArray(); break;
                case 7: kind = "sum"; body = reader.Bytes().ToArray(); break;
                case 9: kind = "histogram"; body = reader.Bytes().ToArray(); break;
                default: reader.Skip(); break;
            }
        }

        if (body is null)
        {
            return;
        }

        // Gauge { repeated NumberDataPoint data_points = 1; }  Sum { … = 1; temporality = 2; bool is_monotonic = 3; }
        // Histogram { repeated HistogramDataPoint data_points = 1; temporality = 2; }
        var monotonic = false;
        var dataPoints = new List<byte[]>();
        var kindReader = new ProtobufReader(body);
        while (kindReader.Next())
        {
            switch (kindReader.Field)
            {
                case 1: dataPoints.Add(kindReader.Bytes().ToArray()); break;
                case 3 when kind == "sum": monotonic = kindReader.Varint() != 0; break;
                default: kindReader.Skip(); break;
            }
        }

        foreach (var point in dataPoints)
        {
            points.Add(kind == "histogram" ? HistogramPoint(point, resource, scope, name) : NumberPoint(point, resource, scope, name, kind, monotonic));
        }
    }

    /// <summary>NumberDataPoint { double as_double = 4; sfixed64 as_int = 6; repeated KeyValue attributes = 7; }</summary>
    private static OtlpMetricPoint NumberPoint(ReadOnlySpan<byte> data, Attributes resource, string scope, string name, string kind, bool monotonic)
    {
        var value = double.NaN;
        var attributes = new Dictionary<string, object?>();
        var reader = new ProtobufReader(data);
        while (reader.Next())
        {
            switch (reader.Field)
            {
                case 4: value = reader.Double(); break;
                case 6: value = (long)reader.Fixed64(); break;
                case 7: KeyValue(reader.Bytes(), attributes); break;
                default: reader.Skip(); break;
            }
        }

        return new OtlpMetricPoint(resource, scope, name, kind, monotonic, new Attributes(attributes), value, 0);
    }

    /// <summary>HistogramDataPoint { fixed64 count = 4; double sum = 5; repeated KeyValue attributes = 9; }</summary>
    private static OtlpMetricPoint HistogramPoint(ReadOnlySpan<byte> data, Attributes resource, string scope, string name)
    {
        ulong count = 0;
        var sum = double.NaN;
        var attributes = new Dictionary<string, object?>();
        var reader = new ProtobufReader(data);
        while (reader.Next())
        {
            switch (reader.Field)
            {
                case 4: count = reader.Fixed64(); break;
                case 5: sum = reader.Double(); break;
                case 9: KeyValue(reader.Bytes(), attributes); break;
                default: reader.Skip(); break;
            }
        }

        return new OtlpMetricPoint(resource, scope, name, "histogram", false, new Attributes(attributes), sum, count);
    }

    /// <summary>LogRecord { string severity_text = 3; AnyValue body = 5; repeated KeyValue attributes = 6; }</summary>
    private static OtlpLogRecord LogRecord(ReadOnlySpan<byte> data, Attributes resource, string scope)
    {
        string? body = null;
        var severity = string.Empty;
        var attributes = new Dictionary<string, object?>();
        var reader = new ProtobufReader(data);
        while (reader.Next())
        {
            switch (reader.Field)
            {
                case 3: severity = reader.String(); break;
                case 5: body = AnyValue(reader.Bytes())?.ToString(); break;
                case 6: KeyValue(reader.Bytes(), attributes); break;
                default: reader.Skip(); break;
            }
        }

        return new OtlpLogRecord(resource, scope, body, severity, new Attributes(attributes));
    }

    /// <summary>Resource { repeated KeyValue attributes = 1; }</summary>
    private static Attributes Resource(ReadOnlySpan<byte> data)
    {
        var attributes = new Dictionary<string, object?>();
        var reader = new ProtobufReader(data);
        while (reader.Next())
        {
            if (reader.Field == 1)
            {
                KeyValue(reader.Bytes(), attributes);
            }
            else
            {
                reader.Skip();
            }
        }

        return new Attributes(attributes);
    }

    /// <summary>InstrumentationScope { string name = 1; }</summary>
    private static string ScopeName(ReadOnlySpan<byte> data)
    {
        var reader = new ProtobufReader(data);
        while (reader.Next())
        {
            if (reader.Field == 1)
            {
                return reader.String();
            }

            reader.Skip();
        }

        return string.Empty;
    }

    /// <summary>KeyValue { string key = 1; AnyValue value = 2; }</summary>
    private static void KeyValue(ReadOnlySpan<byte> data, Dictionary<string, object?> into)
    {
        var key = string.Empty;
        object? value = null;
        var reader = new ProtobufReader(data);
        while (reader.Next())
        {
            switch (reader.Field)
            {
                case 1: key = reader.String(); break;
                case 2: value = AnyValue(reader.Bytes()); break;
                default: reader.Skip(); break;
            }
        }

        into[key] = value;
    }

    /// <summary>
    /// AnyValue { oneof { string string_value = 1; bool bool_value = 2; int64 int_value = 3; double double_value = 4;
    /// ArrayValue array_value = 5 (repeated AnyValue values = 1); … } }
    /// </summary>
    private static object? AnyValue(ReadOnlySpan<byte> data)
    {
        object? value = null;
        var reader = new ProtobufReader(data);
        while (reader.Next())
        {
            switch (reader.Field)
            {
                case 1: value = reader.String(); break;
                case 2: value = reader.Varint() != 0; break;
                case 3: value = (long)reader.Varint(); break;
                case 4: value = reader.Double(); break;
                case 5: value = ArrayValue(reader.Bytes()); break;
                default: reader.Skip(); break;
            }
        }

        return value;
    }

    private static object?[] ArrayValue(ReadOnlySpan<byte> data)
    {
        var values = new List<object?>();
        var reader = new ProtobufReader(data);
        while (reader.Next())
        {
            if (reader.Field == 1)
            {
                values.Add(AnyValue(reader.Bytes()));
            }
            else
            {
                reader.Skip();
            }
        }

        return values.ToArray();
    }
}
