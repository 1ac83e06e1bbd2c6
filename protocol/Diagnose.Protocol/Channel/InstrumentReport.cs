using System.Text.Json;
using Diagnose.Protocol.Specs;

namespace Diagnose.Protocol.Channel;

/// <summary>
/// One instrument of a running probe in a list result: <c>{"id", "name", "state", "reason", "stats", "event",
/// "elapsed", "last"}</c>. The id is its spec's id (or its name for one made in code); state is on, or the status
/// that switched it off (error, disabled, expired) with the reason; stats are null before it was first installed.
/// Added later (absent from older agents): <c>event</c> (call, return, end, line), <c>elapsed</c> (return and end
/// instruments: the <see cref="ElapsedSummary"/> of the calls they fired on, null before one) and <c>last</c> (log
/// instruments: the text of the last line, null before one).
/// </summary>
internal sealed record InstrumentReport(string Id, string Name, string State, string? Reason, ProbeStats? Stats, string? Event = null, ElapsedSummary? Elapsed = null, string? Last = null)
{
    internal const string On = "on";

    internal void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("id", Id);
        writer.WriteString("name", Name);
        writer.WriteString("state", State);
        writer.WriteString("reason", Reason);
        WriteOrNull(writer, "stats", Stats is null ? null : Stats.WriteTo);
        writer.WriteString("event", Event);
        WriteOrNull(writer, "elapsed", Elapsed is null ? null : Elapsed.WriteTo);

        writer.WriteString("last", Last);
        writer.WriteEndObject();
    }

    private static void WriteOrNull(Utf8JsonWriter writer, string name, Action<Utf8JsonWriter>? write)
    {
        writer.WritePropertyName(name);
        if (write is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            write(writer);
        }
    }

    internal static InstrumentReport Read(JsonElement json) => new(
        ChannelJson.String(json, "id") ?? string.Empty,
        ChannelJson.String(json, "name") ?? string.Empty,
        ChannelJson.String(json, "state") ?? string.Empty,
        ChannelJson.String(json, "reason"),
        ChannelJson.Object(json, "stats") is { } stats ? ProbeStats.Read(stats) : null,
        ChannelJson.String(json, "event"),
        ChannelJson.Object(json, "elapsed") is { } elapsed ? ElapsedSummary.Read(elapsed) : null,
        ChannelJson.String(json, "last"));
}
