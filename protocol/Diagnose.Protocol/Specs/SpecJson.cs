using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Diagnose.Protocol.Specs;

/// <summary>
/// How spec documents are read and written: strict JSON in (as Python's <c>json</c> module reads it: no comments,
/// no trailing commas), readable JSON out (non-ASCII text is kept, not escaped), and the wording used to show a
/// value in an error message.
/// </summary>
internal static partial class SpecJson
{
    /// <summary>Longest text of a value quoted in an error message before it is cut with "...".</summary>
    private const int MaxShownChars = 60;

    internal static readonly JsonDocumentOptions ReadOptions = new()
    {
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };

    internal static JsonWriterOptions WriteOptions(bool indented) => new()
    {
        Indented = indented,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes with <paramref name="write"/> and returns the UTF-8 text.</summary>
    internal static byte[] ToUtf8(Action<Utf8JsonWriter> write, bool indented)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriteOptions(indented)))
        {
            write(writer);
        }

        return buffer.ToArray();
    }

    /// <summary>Builds an immutable element with <paramref name="write"/> (used for specs made in code).</summary>
    internal static JsonElement ToElement(Action<Utf8JsonWriter> write)
    {
        using var document = JsonDocument.Parse(ToUtf8(write, indented: false), ReadOptions);
        return document.RootElement.Clone();
    }

    /// <summary>
    /// A value as an error message shows it after "got": scalars as their JSON text (<c>"ten"</c>, <c>12</c>,
    /// <c>null</c>), containers by their kind (<c>an array</c>, <c>an object</c>).
    /// </summary>
    internal static string Describe(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                return "an object";
            case JsonValueKind.Array:
                return "an array";
            case JsonValueKind.String:
                var text = value.GetString() ?? string.Empty;
                if (text.Length > MaxShownChars)
                {
                    text = text[..(MaxShownChars - 3)] + "...";
                }

                return Encoding.UTF8.GetString(ToUtf8(w => w.WriteStringValue(text), indented: false));
            case JsonValueKind.Undefined:
                return "nothing";
            default:
                var raw = value.GetRawText();
                return raw.Length > MaxShownChars ? raw[..(MaxShownChars - 3)] + "..." : raw;
        }
    }

    /// <summary>
    /// The parser's message with its position moved to the end and counted from 1, e.g.
    /// <c>'x' is an invalid start of a value. (line 3, position 7)</c>.
    /// </summary>
    internal static string DescribeParseError(JsonException error)
    {
        var message = PositionSuffix().Replace(error.Message, string.Empty).TrimEnd();
        if (error.LineNumber is long line && error.BytePositionInLine is long position)
        {
            message += $" (line {line + 1}, position {position + 1})";
        }

        return message;
    }

    /// <summary>System.Text.Json appends " LineNumber: 2 | BytePositionInLine: 6." (counted from 0).</summary>
    [GeneratedRegex(@"\s*(Path: \S* \| )?LineNumber: \d+ \| BytePositionInLine: \d+\.\s*$")]
    private static partial Regex PositionSuffix();
}
