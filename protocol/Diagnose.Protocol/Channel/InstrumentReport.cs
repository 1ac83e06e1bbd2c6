using System.Text.Json;
using Diagnose.Protocol.Specs;

namespace Diagnose.Protocol.Channel;

/// <summary>
/// One instrument of a running probe in a list result: <c>{"id", "name", "state", "reason", "stats"}</c>. The id is
/// its spec's id (or its name for one made in code); state is on, or the status that switched it off (error,
/// disabled, expired) with the reason; stats are null before it was first installed.
/// </summary>
internal sealed record InstrumentReport(string Id, string Name, string State, string? Reason, ProbeStats? Stats)
{
    internal const string On = "on";

    internal void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("id", Id);
        writer.WriteString("name", Name);
        writer.WriteString("state", State);
        writer.WriteString("reason", Reason);
        writer.WritePropertyName("stats");
        if (Stats is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            Stats.WriteTo(writer);
        }

        writer.WriteEndObject();
    }

    internal static InstrumentReport Read(JsonElement json) => new(
        ChannelJson.String(json, "id") ?? string.Empty,
        ChannelJson.String(json, "name") ?? string.Empty,
        ChannelJson.String(json, "state") ?? string.Empty,
        ChannelJson.String(json, "reason"),
        ChannelJson.Object(json, "stats") is { } stats ? ProbeStats.Read(stats) : null);
}
