using System.Text.Json;
using Diagnose.Protocol.Specs;

namespace Diagnose.Management;

/// <summary>
/// The manager tags of specs that come from outside the app (a specs path, the channel, a sidecar): the process's
/// <c>DIAGNOSE_TAGS</c> (<c>service:web,env:prod</c>), then those of <c>settings.json</c> beside the specs
/// (<c>{"tags": {"env": "prod"}}</c> or <c>{"tags": ["env:prod"]}</c>) whose key the variable does not have. They go
/// before every instrument's own tags. A malformed entry is left out with one warning.
/// </summary>
internal static class OutOfBandTags
{
    private static readonly object s_gate = new();
    private static string? s_warned;

    public static string[] Read(string? specsPath) => Read(Environment.GetEnvironmentVariable("DIAGNOSE_TAGS"), specsPath is null ? null : SideFiles.Beside(specsPath, SideFiles.Settings));

    internal static string[] Read(string? variable, string? settingsFile)
    {
        var tags = new List<string>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var entry in (variable ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            Add(entry, "DIAGNOSE_TAGS");
        }

        if (settingsFile is not null && File.Exists(settingsFile))
        {
            try
            {
                using var json = JsonDocument.Parse(File.ReadAllText(settingsFile));
                if (json.RootElement.ValueKind != JsonValueKind.Object)
                {
                    problems.Add($"{settingsFile} is not a JSON object");
                }
                else if (json.RootElement.TryGetProperty("tags", out var listed))
                {
                    if (listed.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var tag in listed.EnumerateObject())
                        {
                            Add(tag.Value.ValueKind == JsonValueKind.String ? $"{tag.Name}:{tag.Value.GetString()}" : $"{tag.Name}:{tag.Value.GetRawText()}", settingsFile);
                        }
                    }
                    else if (listed.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var tag in listed.EnumerateArray())
                        {
                            Add(tag.ValueKind == JsonValueKind.String ? tag.GetString()! : tag.GetRawText(), settingsFile);
                        }
                    }
                    else
                    {
                        problems.Add($"{settingsFile}: 'tags' must be an object ({{\"env\": \"prod\"}}) or a list ([\"env:prod\"])");
                    }
                }
            }
            catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
            {
                problems.Add($"{settingsFile} cannot be read: {e.Message}");
            }
        }

        Warn(problems);
        return tags.ToArray();

        void Add(string tag, string source)
        {
            var colon = tag.IndexOf(':');
            if (colon <= 0)
            {
                problems.Add($"{source}: the tag '{tag}' is not key:value");
                return;
            }

            if (source == "DIAGNOSE_TAGS" ? keys.Add(tag[..colon]) : !keys.Contains(tag[..colon]))
            {
                tags.Add(tag);
            }
        }
    }

    /// <summary>One warning for each new set of problems: specs are applied every 10 s, the log must not fill up.</summary>
    private static void Warn(List<string> problems)
    {
        var text = problems.Count == 0 ? null : string.Join("; ", problems) + " (left out)";
        lock (s_gate)
        {
            if (text == s_warned)
            {
                return;
            }

            s_warned = text;
        }

        if (text is not null)
        {
            AgentLog.Warning($"manager tags: {text}");
        }
    }
}
