using System.Text.Json;

namespace Diagnose.Protocol.Channel;

/// <summary>
/// Who answered: <c>{"protocol": 1, "version": "1.0.0", "runtime": "10.0.0", "pid": 4242, "process": "web-1:4242",
/// "specsPath": "/etc/diagnose" | null}</c>.
/// </summary>
internal sealed record AgentInfo(int Protocol, string Version, string Runtime, int Pid, string Process, string? SpecsPath)
{
    internal void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteNumber("protocol", Protocol);
        writer.WriteString("version", Version);
        writer.WriteString("runtime", Runtime);
        writer.WriteNumber("pid", Pid);
        writer.WriteString("process", Process);
        writer.WriteString("specsPath", SpecsPath);
        writer.WriteEndObject();
    }

    internal static AgentInfo Read(JsonElement json) => new(
        ChannelJson.Int(json, "protocol") ?? 0,
        ChannelJson.String(json, "version") ?? string.Empty,
        ChannelJson.String(json, "runtime") ?? string.Empty,
        ChannelJson.Int(json, "pid") ?? 0,
        ChannelJson.String(json, "process") ?? string.Empty,
        ChannelJson.String(json, "specsPath"));
}
