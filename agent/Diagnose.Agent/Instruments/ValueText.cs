using System.Collections;
using System.Globalization;
using System.Text;

namespace Diagnose;

/// <summary>How values read in output: invariant culture, sequences as [a, b], cut at 2000 characters.</summary>
internal static class ValueText
{
    public const int MaxLength = 2000;
    private const int MaxItems = 100;

    public static string Render(object? value)
    {
        var text = value switch
        {
            null => "None",
            string s => s,
            bool b => b ? "True" : "False",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            IDictionary d => RenderDictionary(d),
            IEnumerable e => RenderSequence(e),
            _ => value.ToString() ?? string.Empty,
        };
        return Cut(text);
    }

    /// <summary>Texts over 2000 characters end in "..." at 2000.</summary>
    public static string Cut(string text) => text.Length <= MaxLength ? text : string.Concat(text.AsSpan(0, MaxLength - 3), "...");

    private static string RenderSequence(IEnumerable sequence)
    {
        var builder = new StringBuilder("[");
        var count = 0;
        foreach (var item in sequence)
        {
            if (count > 0)
            {
                builder.Append(", ");
            }

            if (count++ == MaxItems || builder.Length > MaxLength)
            {
                builder.Append("...");
                break;
            }

            builder.Append(item is string s ? s : Render(item));
        }

        return builder.Append(']').ToString();
    }

    private static string RenderDictionary(IDictionary dictionary)
    {
        var builder = new StringBuilder("{");
        var count = 0;
        foreach (DictionaryEntry entry in dictionary)
        {
            if (count > 0)
            {
                builder.Append(", ");
            }

            if (count++ == MaxItems || builder.Length > MaxLength)
            {
                builder.Append("...");
                break;
            }

            builder.Append(Render(entry.Key)).Append(": ").Append(Render(entry.Value));
        }

        return builder.Append('}').ToString();
    }
}
