using System.Text.Json;
using Diagnose.Protocol.Specs;

namespace Diagnose.Protocol.Channel;

/// <summary>
/// One spec in a result: <c>{"id", "source", "target", "status", "reason", "spec"}</c>, where <c>source</c> is
/// <c>channel</c> (specs sent with diagnose) or the specs path the spec was read from, and <c>spec</c> is the spec as
/// the process holds it, <c>applied</c> included (absent for a spec that is gone).
/// </summary>
internal sealed record SpecReport(string Id, string Source, string Target, string Status, string? Reason, Spec? Spec)
{
    /// <summary>The source of specs sent through the channel.</summary>
    internal const string ChannelSource = "channel";

    internal static SpecReport For(Spec spec, string source, string processKey, DateTimeOffset now)
    {
        var (status, reason) = SpecStatus.Of(spec, processKey, now);
        return new SpecReport(spec.Id, source, spec.Target, status, reason, spec);
    }

    /// <summary>"id\ttarget\tstatus[: reason]", the line the commands print per spec.</summary>
    internal string Line => $"{Id}\t{Target}\t{SpecStatus.Describe(Status, Reason)}";

    internal void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("id", Id);
        writer.WriteString("source", Source);
        writer.WriteString("target", Target);
        writer.WriteString("status", Status);
        writer.WriteString("reason", Reason);
        if (Spec is not null)
        {
            writer.WritePropertyName("spec");
            Spec.WriteTo(writer);
        }

        writer.WriteEndObject();
    }

    internal static SpecReport Read(JsonElement json)
    {
        var id = ChannelJson.String(json, "id") ?? string.Empty;
        Spec? spec = null;
        if (json.TryGetProperty("spec", out var specJson) && specJson.ValueKind == JsonValueKind.Object)
        {
            spec = SpecReader.Read(id, specJson.Clone());
        }

        return new SpecReport(
            id,
            ChannelJson.String(json, "source") ?? ChannelSource,
            ChannelJson.String(json, "target") ?? spec?.Target ?? string.Empty,
            ChannelJson.String(json, "status") ?? SpecStatus.Waiting,
            ChannelJson.String(json, "reason"),
            spec);
    }
}
