using System.Globalization;
using System.Text;

namespace Diagnose.Cli.Watching;

/// <summary>
/// Metric values in DogStatsD's datagram form: <c>name:value|type|#tag:value,tag</c>, with type <c>c</c> (incr),
/// <c>h</c> (hist) or <c>g</c> (gauge). Characters that the format reserves are replaced by <c>_</c>.
/// </summary>
internal static class DogStatsd
{
    /// <summary>The line for one value; null for a type statsd has no counterpart of, or a value that is not finite.</summary>
    public static string? Format(string type, string name, double value, IReadOnlyList<string> tags)
    {
        var kind = type switch
        {
            "incr" => "c",
            "hist" => "h",
            "gauge" => "g",
            _ => null,
        };
        if (kind is null || !double.IsFinite(value) || string.IsNullOrEmpty(name))
        {
            return null;
        }

        var line = new StringBuilder();
        line.Append(Clean(name, ":|@#, \t\r\n")).Append(':').Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('|').Append(kind);
        var first = true;
        foreach (var tag in tags)
        {
            var text = Clean(tag, ",|#\r\n");
            if (text.Length == 0)
            {
                continue;
            }

            line.Append(first ? "|#" : ",").Append(text);
            first = false;
        }

        return line.ToString();
    }

    private static string Clean(string text, string reserved)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (reserved.Contains(chars[i]))
            {
                chars[i] = '_';
            }
        }

        var cleaned = new string(chars);
        return cleaned.Trim('_').Length == 0 ? string.Empty : cleaned;
    }
}
