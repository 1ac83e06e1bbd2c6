using System.Collections;
using System.Globalization;
using System.Text;

namespace Diagnose;

/// <summary>
/// How values read in output: invariant culture, collections as [a, b] and {k: v}, cut at 2000 characters. Only
/// collections that hold their items (ICollection, arrays) are listed: a lazy sequence (an iterator, a LINQ query, a
/// stream reader) is shown with its ToString(), because enumerating it could consume it or run the app's code.
/// </summary>
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
            ICollection c => RenderSequence(c),
            IEnumerable e when IsMaterialized(e) => RenderSequence(e),
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

    /// <summary>A generic collection (HashSet&lt;T&gt;, IReadOnlyCollection&lt;T&gt; …) holds its items; an iterator does not.</summary>
    private static bool IsMaterialized(IEnumerable sequence) =>
        sequence.GetType().GetInterfaces().Any(i => i.IsGenericType
            && (i.GetGenericTypeDefinition() == typeof(ICollection<>) || i.GetGenericTypeDefinition() == typeof(IReadOnlyCollection<>)));

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
