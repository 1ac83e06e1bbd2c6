using System.Text.Json;

namespace Diagnose.Protocol.Channel;

/// <summary>
/// The elapsed time of the calls a return or end instrument fired on, since it was installed, in a list result:
/// <c>{"count", "p50", "p95", "p99", "max"}</c>, times in seconds (a percentile is read from log buckets four to a
/// power of two: within 25%).
/// </summary>
internal sealed record ElapsedSummary(long Count, double P50, double P95, double P99, double Max)
{
    internal void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteNumber("count", Count);
        writer.WriteNumber("p50", P50);
        writer.WriteNumber("p95", P95);
        writer.WriteNumber("p99", P99);
        writer.WriteNumber("max", Max);
        writer.WriteEndObject();
    }

    /// <summary>Reads a summary leniently (a missing or mistyped number reads as 0); null when it is not an object.</summary>
    internal static ElapsedSummary? Read(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        double Number(string name) => json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : 0;
        return new ElapsedSummary((long)Number("count"), Number("p50"), Number("p95"), Number("p99"), Number("max"));
    }
}
