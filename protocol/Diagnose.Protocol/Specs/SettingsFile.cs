using System.Text.Json;

namespace Diagnose.Protocol.Specs;

/// <summary>
/// <c>settings.json</c> beside the specs (see <see cref="SideFiles"/>): <c>{"tags": {"env": "prod"}}</c> or
/// <c>{"tags": ["env:prod"]}</c>. The agent reads it beside its specs path; a sidecar beside its store, and sends the
/// tags with the store's specs. Whether each tag is <c>key:value</c> is checked where they are merged.
/// </summary>
internal static class SettingsFile
{
    /// <summary>The tags the file lists (none when there is no file); why it or its <c>tags</c> cannot be read goes to <paramref name="problems"/>.</summary>
    public static IReadOnlyList<string> Tags(string path, ICollection<string> problems)
    {
        var tags = new List<string>();
        if (!File.Exists(path))
        {
            return tags;
        }

        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                problems.Add($"{path} is not a JSON object");
            }
            else if (json.RootElement.TryGetProperty("tags", out var listed))
            {
                if (listed.ValueKind == JsonValueKind.Object)
                {
                    tags.AddRange(listed.EnumerateObject().Select(tag => $"{tag.Name}:{Text(tag.Value)}"));
                }
                else if (listed.ValueKind == JsonValueKind.Array)
                {
                    tags.AddRange(listed.EnumerateArray().Select(Text));
                }
                else
                {
                    problems.Add($"{path}: 'tags' must be an object ({{\"env\": \"prod\"}}) or a list ([\"env:prod\"])");
                }
            }
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            problems.Add($"{path} cannot be read: {e.Message}");
        }

        return tags;
    }

    private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
}
