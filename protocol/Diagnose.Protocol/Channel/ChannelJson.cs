using System.Text.Json;
using Diagnose.Protocol.Specs;

namespace Diagnose.Protocol.Channel;

/// <summary>Lenient readers for result JSON: a missing or mistyped field reads as absent (newer and older peers differ).</summary>
internal static class ChannelJson
{
    /// <summary>
    /// Parses a message that must be a JSON object (<paramref name="what"/> names it in errors: "the command");
    /// null with the reason otherwise. The caller disposes the document.
    /// </summary>
    internal static JsonDocument? ParseObject(ReadOnlyMemory<byte> utf8, string what, out string? error)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, SpecJson.ReadOptions);
        }
        catch (JsonException e)
        {
            error = $"{what} is not valid JSON: {SpecJson.DescribeParseError(e)}";
            return null;
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            error = $"{what} must be a JSON object, got {SpecJson.Describe(document.RootElement)}";
            document.Dispose();
            return null;
        }

        error = null;
        return document;
    }

    internal static string? String(JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    internal static int? Int(JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;

    internal static bool? Bool(JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;

    internal static IEnumerable<JsonElement> Array(JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : [];

    internal static JsonElement? Object(JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;
}
