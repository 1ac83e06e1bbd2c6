using System.Text.Json;

namespace Diagnose.Protocol.Channel;

/// <summary>
/// A running probe in a list result: <c>{"target", "state", "error", "instruments": ["&lt;key&gt;", …], "details": [
/// instrument reports]}</c>; state is installed, pending or failed. A method without probes runs its original code.
/// </summary>
internal sealed record ProbeReport(string Target, string State, string? Error, IReadOnlyList<string> Instruments, IReadOnlyList<InstrumentReport>? Details = null)
{
    internal void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("target", Target);
        writer.WriteString("state", State);
        writer.WriteString("error", Error);
        writer.WriteStartArray("instruments");
        foreach (var instrument in Instruments)
        {
            writer.WriteStringValue(instrument);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("details");
        foreach (var detail in Details ?? [])
        {
            detail.WriteTo(writer);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    internal static ProbeReport Read(JsonElement json) => new(
        ChannelJson.String(json, "target") ?? string.Empty,
        ChannelJson.String(json, "state") ?? string.Empty,
        ChannelJson.String(json, "error"),
        ChannelJson.Array(json, "instruments").Where(i => i.ValueKind == JsonValueKind.String).Select(i => i.GetString()!).ToList(),
        ChannelJson.Array(json, "details").Where(d => d.ValueKind == JsonValueKind.Object).Select(InstrumentReport.Read).ToList());
}
