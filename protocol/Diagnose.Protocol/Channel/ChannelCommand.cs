using System.Text.Json;
using Diagnose.Protocol.Specs;

namespace Diagnose.Protocol.Channel;

/// <summary>
/// A command, as the UTF-8 JSON its parts carry:
/// <code>
/// {"op": "set", "specs": {"&lt;id&gt;": {&lt;spec&gt;}, …}}      set / replace
/// {"op": "replace", "specs": {…}, "tags": ["env:prod", …]}   (tags: optional, a sidecar's settings.json)
/// {"op": "remove", "ids": ["&lt;id&gt;", …]}
/// {"op": "use-path", "path": "/etc/diagnose/specs", "keyFile": "/etc/diagnose/key"}   (keyFile: optional)
/// {"op": "hello"}   {"op": "list"}
/// </code>
/// Fields a command does not use are left out; fields a reader does not know are ignored.
/// </summary>
internal sealed class ChannelCommand
{
    private ChannelCommand(string op, SpecSet? specs, IReadOnlyList<string> ids, string? path, string? keyFile = null, IReadOnlyList<string>? tags = null)
    {
        Tags = tags;
        KeyFile = keyFile;
        Op = op;
        Specs = specs;
        Ids = ids;
        Path = path;
    }

    /// <summary>One of <see cref="CommandOps"/> (or a newer one this build does not know).</summary>
    internal string Op { get; }

    /// <summary><c>specs</c>: for set and replace.</summary>
    internal SpecSet? Specs { get; }

    /// <summary><c>ids</c>: for remove.</summary>
    internal IReadOnlyList<string> Ids { get; }

    /// <summary><c>path</c>: for use-path.</summary>
    internal string? Path { get; }

    /// <summary><c>keyFile</c>: for use-path, the key file (a path in the process's file system) its specs must be signed with.</summary>
    internal string? KeyFile { get; }

    /// <summary>
    /// <c>tags</c>: for replace, the manager tags of the settings.json beside the sender's store (a sidecar's), which
    /// the channel's specs then carry in place of those beside the process's specs path; null: none sent.
    /// </summary>
    internal IReadOnlyList<string>? Tags { get; }

    internal static ChannelCommand Hello() => new(CommandOps.Hello, null, [], null);

    internal static ChannelCommand List() => new(CommandOps.List, null, [], null);

    internal static ChannelCommand Set(SpecSet specs) => new(CommandOps.Set, specs, [], null);

    internal static ChannelCommand Replace(SpecSet specs, IReadOnlyList<string>? tags = null) => new(CommandOps.Replace, specs, [], null, tags: tags);

    internal static ChannelCommand Remove(IReadOnlyList<string> ids) => new(CommandOps.Remove, null, ids, null);

    internal static ChannelCommand UsePath(string path, string? keyFile = null) => new(CommandOps.UsePath, null, [], path, keyFile);

    /// <summary>Any op, for tools newer than this build (and tests).</summary>
    internal static ChannelCommand Other(string op) => new(op, null, [], null);

    internal byte[] ToUtf8() => SpecJson.ToUtf8(WriteTo, indented: false);

    /// <summary>Reads a command; null with the reason when it is not one.</summary>
    internal static ChannelCommand? Parse(ReadOnlyMemory<byte> utf8, out string? error)
    {
        using var document = ChannelJson.ParseObject(utf8, "the command", out error);
        if (document is null)
        {
            return null;
        }

        var root = document.RootElement;
        if (!root.TryGetProperty("op", out var op) || op.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(op.GetString()))
        {
            error = "the command has no 'op'";
            return null;
        }

        SpecSet? specs = null;
        if (root.TryGetProperty("specs", out var specsJson) && specsJson.ValueKind != JsonValueKind.Null)
        {
            specs = SpecSet.Parse(System.Text.Encoding.UTF8.GetBytes(specsJson.GetRawText()), "the command's specs");
        }

        if (!OptionalStrings(root, "ids", out var ids, out error) || !OptionalStrings(root, "tags", out var tags, out error)
            || !OptionalString(root, "path", out var path, out error) || !OptionalString(root, "keyFile", out var keyFile, out error))
        {
            return null;
        }

        return new ChannelCommand(op.GetString()!, specs, ids ?? [], path, keyFile, tags);
    }

    private static bool OptionalStrings(JsonElement root, string name, out List<string>? values, out string? error)
    {
        values = null;
        error = null;
        if (!root.TryGetProperty(name, out var json))
        {
            return true;
        }

        if (json.ValueKind != JsonValueKind.Array || json.EnumerateArray().Any(i => i.ValueKind != JsonValueKind.String))
        {
            error = $"'{name}' must be an array of strings";
            return false;
        }

        values = json.EnumerateArray().Select(i => i.GetString()!).ToList();
        return true;
    }

    private static bool OptionalString(JsonElement root, string name, out string? value, out string? error)
    {
        value = null;
        error = null;
        if (!root.TryGetProperty(name, out var json))
        {
            return true;
        }

        if (json.ValueKind != JsonValueKind.String)
        {
            error = $"'{name}' must be a string";
            return false;
        }

        value = json.GetString();
        return true;
    }

    private void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("op", Op);
        if (Specs is not null)
        {
            writer.WritePropertyName("specs");
            Specs.WriteTo(writer);
        }

        if (Ids.Count > 0)
        {
            WriteStrings(writer, "ids", Ids);
        }

        if (Tags is not null)
        {
            WriteStrings(writer, "tags", Tags);
        }

        if (Path is not null)
        {
            writer.WriteString("path", Path);
        }

        if (KeyFile is not null)
        {
            writer.WriteString("keyFile", KeyFile);
        }

        writer.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
