using System.Text;
using System.Text.Json;
using Diagnose.Protocol.Specs;

namespace Diagnose.Protocol.Channel;

/// <summary>The tags of a <c>ProbeLog</c> or <c>ProbeMetric</c> event: a JSON array of <c>"key:value"</c> strings.</summary>
internal static class TagList
{
    internal static string ToJson(IReadOnlyList<string> tags)
    {
        if (tags.Count == 0)
        {
            return "[]";
        }

        return Encoding.UTF8.GetString(SpecJson.ToUtf8(
            writer =>
            {
                writer.WriteStartArray();
                foreach (var tag in tags)
                {
                    writer.WriteStringValue(tag);
                }

                writer.WriteEndArray();
            },
            indented: false));
    }

    /// <summary>Reads the array; anything else reads as no tags (a tool never fails on an event).</summary>
    internal static IReadOnlyList<string> Parse(string? json)
    {
        if (string.IsNullOrEmpty(json) || json == "[]")
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Array
                ? document.RootElement.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).ToList()
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
