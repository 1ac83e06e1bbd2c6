using System.Text.Json;

namespace Diagnose.Redaction;

/// <summary>
/// What users add to the built-in rules: names and type patterns from <c>DIAGNOSE_REDACT_NAMES</c> and
/// <c>DIAGNOSE_REDACT_TYPES</c> (comma separated), and from <c>redaction.json</c> beside the specs
/// (<c>{"names": ["…"], "types": ["MyApp.Secrets.*"]}</c>). A file that cannot be used gives a <see cref="Problem"/>
/// instead of names, never an exception.
/// </summary>
internal sealed record RedactionSettings(IReadOnlyList<string> Names, IReadOnlyList<string> Types, string? Problem = null)
{
    public const string NamesVariable = "DIAGNOSE_REDACT_NAMES";
    public const string TypesVariable = "DIAGNOSE_REDACT_TYPES";

    public static RedactionSettings None { get; } = new([], []);

    /// <summary>The environment variables of this process.</summary>
    public static RedactionSettings FromEnvironment() =>
        new(ParseList(Environment.GetEnvironmentVariable(NamesVariable)), ParseList(Environment.GetEnvironmentVariable(TypesVariable)));

    /// <summary>"a, b,,c " → a, b, c.</summary>
    public static IReadOnlyList<string> ParseList(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The settings in the file at <paramref name="path"/>; none when there is no such file.</summary>
    public static RedactionSettings ReadFile(string path)
    {
        byte[] bytes;
        try
        {
            if (!File.Exists(path))
            {
                return None;
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Failed(path, $"cannot be read: {e.Message}");
        }

        return Parse(bytes, path);
    }

    /// <summary>The settings in a <c>redaction.json</c> document; <paramref name="path"/> names it in problems.</summary>
    public static RedactionSettings Parse(ReadOnlyMemory<byte> json, string path)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Failed(path, $"must be a JSON object like {{\"names\": [\"pin\"], \"types\": [\"MyApp.Secrets.*\"]}}, not {Kind(document.RootElement)}");
            }

            IReadOnlyList<string> names = [];
            IReadOnlyList<string> types = [];
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var problem = property.Name switch
                {
                    "names" => Strings(property, out names),
                    "types" => Strings(property, out types),
                    _ => $"has an unknown key '{property.Name}' (known: names, types)",
                };
                if (problem is not null)
                {
                    return Failed(path, problem);
                }
            }

            var empty = names.FirstOrDefault(n => NameRule.Normalise(n).Length == 0);
            return empty is null ? new RedactionSettings(names, types) : Failed(path, $"names: \"{empty}\" has nothing left to match once '_ - . $ @' are removed");
        }
        catch (JsonException e)
        {
            return Failed(path, $"is not valid JSON: {e.Message}");
        }
    }

    /// <summary>These settings and <paramref name="other"/>'s together; the first problem wins.</summary>
    public RedactionSettings With(RedactionSettings other) =>
        new([.. Names, .. other.Names], [.. Types, .. other.Types], Problem ?? other.Problem);

    private static string? Strings(JsonProperty property, out IReadOnlyList<string> values)
    {
        values = [];
        if (property.Value.ValueKind != JsonValueKind.Array)
        {
            return $"'{property.Name}' must be an array of strings, not {Kind(property.Value)}";
        }

        var list = new List<string>();
        var index = 0;
        foreach (var item in property.Value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(item.GetString()))
            {
                return $"'{property.Name}'[{index}] must be a non-empty string, not {Kind(item)}";
            }

            list.Add(item.GetString()!.Trim());
            index++;
        }

        values = list;
        return null;
    }

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => $"the string {element.GetRawText()}",
        JsonValueKind.Number => $"the number {element.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        _ => "an object",
    };

    private static RedactionSettings Failed(string path, string problem) =>
        new([], [], $"{path} {problem}; fix it: until then no probe is installed (values could leave the process unredacted)");
}
