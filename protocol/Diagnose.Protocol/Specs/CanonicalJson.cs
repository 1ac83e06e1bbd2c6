using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Diagnose.Protocol.Specs;

/// <summary>
/// One text for every way of writing the same JSON value, so that a signature survives a store that reorders keys,
/// re-indents or rewrites numbers (PostgreSQL's <c>jsonb</c> does all three):
/// <list type="bullet">
/// <item>no whitespace between tokens;</item>
/// <item>an object's members sorted by name, ordinal order of UTF-16 code units; a repeated name is refused
/// (readers disagree on which one counts);</item>
/// <item>strings in double quotes with <c>\"</c>, <c>\\</c> and <c>\u00XX</c> (lower-case hex) for U+0000 to U+001F
/// escaped and every other character as itself, in UTF-8;</item>
/// <item>numbers by their value: the shortest text that reads back to the same IEEE double, as .NET's
/// <c>double.ToString("R", InvariantCulture)</c> writes it (<c>10</c>, <c>0.5</c>, <c>-3</c>, <c>1E+21</c>;
/// <c>10.0</c> and <c>1e1</c> are both <c>10</c>);</item>
/// <item><c>true</c>, <c>false</c>, <c>null</c>; arrays in their order.</item>
/// </list>
/// </summary>
internal static class CanonicalJson
{
    /// <summary>The canonical UTF-8 text of <paramref name="value"/>.</summary>
    /// <exception cref="FormatException">An object repeats a member name.</exception>
    internal static byte[] ToUtf8(JsonElement value)
    {
        var text = new StringBuilder();
        Write(value, text);
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    internal static void Write(JsonElement value, StringBuilder text)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(value.EnumerateObject().Select(p => (p.Name, p.Value)), text);
                break;
            case JsonValueKind.Array:
                text.Append('[');
                var first = true;
                foreach (var item in value.EnumerateArray())
                {
                    text.Append(first ? string.Empty : ",");
                    Write(item, text);
                    first = false;
                }

                text.Append(']');
                break;
            case JsonValueKind.String:
                WriteString(value.GetString()!, text);
                break;
            case JsonValueKind.Number:
                text.Append(value.GetDouble().ToString("R", CultureInfo.InvariantCulture));
                break;
            case JsonValueKind.True:
                text.Append("true");
                break;
            case JsonValueKind.False:
                text.Append("false");
                break;
            default:
                text.Append("null");
                break;
        }
    }

    /// <summary>Writes members as a canonical object (sorted; a repeated name is refused).</summary>
    internal static void WriteObject(IEnumerable<(string Name, JsonElement Value)> members, StringBuilder text)
    {
        var sorted = members.OrderBy(m => m.Name, StringComparer.Ordinal).ToList();
        text.Append('{');
        for (var i = 0; i < sorted.Count; i++)
        {
            if (i > 0)
            {
                if (sorted[i].Name == sorted[i - 1].Name)
                {
                    throw new FormatException($"the key '{sorted[i].Name}' appears more than once in one object");
                }

                text.Append(',');
            }

            WriteString(sorted[i].Name, text);
            text.Append(':');
            Write(sorted[i].Value, text);
        }

        text.Append('}');
    }

    internal static void WriteString(string value, StringBuilder text)
    {
        text.Append('"');
        foreach (var c in value)
        {
            if (c == '"' || c == '\\')
            {
                text.Append('\\').Append(c);
            }
            else if (c < ' ')
            {
                text.Append("\\u00").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
            }
            else
            {
                text.Append(c);
            }
        }

        text.Append('"');
    }
}
