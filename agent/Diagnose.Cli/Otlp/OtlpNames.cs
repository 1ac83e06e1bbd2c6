using System.Text;

namespace Diagnose.Cli.Otlp;

/// <summary>How probe names and tags become OpenTelemetry instrument names and attributes.</summary>
internal static class OtlpNames
{
    /// <summary>The attribute that names the probe (spec id) of a log line.</summary>
    public const string ProbeId = "diagnose.probe.id";

    /// <summary>The attribute that names the instrument of a log line.</summary>
    public const string InstrumentName = "diagnose.instrument.name";

    /// <summary>
    /// A tag <c>key:value</c> as the attribute key = value (split at the first colon); a tag without a colon as
    /// key = "" (DogStatsD's bare tag).
    /// </summary>
    public static KeyValuePair<string, object?> Attribute(string tag)
    {
        var colon = tag.IndexOf(':');
        return colon <= 0 ? new(tag, string.Empty) : new(tag[..colon], tag[(colon + 1)..]);
    }

    /// <summary>
    /// An instrument name OpenTelemetry accepts (a letter, then letters, digits, <c>_ . - /</c>, at most 255):
    /// other characters become <c>_</c>, a name that does not start with a letter gets <c>diagnose.</c> before it.
    /// </summary>
    public static string Instrument(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            text.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' or '/' ? c : '_');
        }

        if (text.Length == 0 || !char.IsAsciiLetter(text[0]))
        {
            text.Insert(0, "diagnose.");
        }

        return text.Length > 255 ? text.ToString(0, 255) : text.ToString();
    }
}
