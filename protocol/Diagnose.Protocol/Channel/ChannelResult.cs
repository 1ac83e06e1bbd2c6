using System.Text;
using System.Text.Json;
using Diagnose.Protocol.Specs;

namespace Diagnose.Protocol.Channel;

/// <summary>
/// The answer to a command, as the JSON its <c>CommandResult</c> events carry:
/// <code>
/// {"v": 1, "op": "set", "ok": true, "error": null,
///  "agent": {&lt;AgentInfo&gt;},
///  "specs": [{&lt;SpecReport&gt;}, …],
///  "probes": [{&lt;ProbeReport&gt;}, …]}
/// </code>
/// <c>ok</c> is false only when the command itself could not be carried out (not JSON, unknown op, no profiler…);
/// specs that fail are reported in <c>specs</c> with status <c>error</c> and their reason.
/// </summary>
internal sealed class ChannelResult
{
    internal ChannelResult(string op, bool ok, string? error, AgentInfo? agent, IReadOnlyList<SpecReport> specs, IReadOnlyList<ProbeReport> probes, int version = ChannelContract.Version)
    {
        Version = version;
        Op = op;
        Ok = ok;
        Error = error;
        Agent = agent;
        Specs = specs;
        Probes = probes;
    }

    /// <summary>The protocol version of the agent that answered.</summary>
    internal int Version { get; }

    internal string Op { get; }

    internal bool Ok { get; }

    internal string? Error { get; }

    internal AgentInfo? Agent { get; }

    internal IReadOnlyList<SpecReport> Specs { get; }

    internal IReadOnlyList<ProbeReport> Probes { get; }

    internal static ChannelResult Failure(string op, string error, AgentInfo? agent) => new(op, false, error, agent, [], []);

    internal string ToJson() => Encoding.UTF8.GetString(SpecJson.ToUtf8(WriteTo, indented: false));

    /// <summary>Reads a result; null with the reason when the text is not one.</summary>
    internal static ChannelResult? Parse(string json, out string? error)
    {
        using var document = ChannelJson.ParseObject(Encoding.UTF8.GetBytes(json), "the agent's answer", out error);
        if (document is null)
        {
            return null;
        }

        var root = document.RootElement;
        return new ChannelResult(
            ChannelJson.String(root, "op") ?? string.Empty,
            ChannelJson.Bool(root, "ok") ?? false,
            ChannelJson.String(root, "error"),
            ChannelJson.Object(root, "agent") is { } agent ? AgentInfo.Read(agent) : null,
            ChannelJson.Array(root, "specs").Select(SpecReport.Read).ToList(),
            ChannelJson.Array(root, "probes").Select(ProbeReport.Read).ToList(),
            ChannelJson.Int(root, "v") ?? 0);
    }

    private void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteNumber("v", Version);
        writer.WriteString("op", Op);
        writer.WriteBoolean("ok", Ok);
        writer.WriteString("error", Error);
        if (Agent is not null)
        {
            writer.WritePropertyName("agent");
            Agent.WriteTo(writer);
        }

        writer.WriteStartArray("specs");
        foreach (var spec in Specs)
        {
            spec.WriteTo(writer);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("probes");
        foreach (var probe in Probes)
        {
            probe.WriteTo(writer);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
