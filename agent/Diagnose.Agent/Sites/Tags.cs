using System.Collections;

namespace Diagnose.Sites;

/// <summary>Tags as diagnose has them: a list of "key:value" texts.</summary>
internal static class Tags
{
    public static readonly string[] None = [];

    /// <summary>
    /// Tags from the value of a tags expression: a dictionary or anonymous object (k:v) or a list of strings; a value under
    /// a sensitive key reads <c>[redacted]</c>.
    /// </summary>
    public static string[] From(object? value)
    {
        switch (value)
        {
            case null:
                return None;
            case string text:
                throw new InstrumentException($"Cannot send non-list of tags: {ValueText.Render(text)}");
            case IDictionary dictionary:
                return Entries(dictionary).Select(e => $"{ValueText.Render(e.Key)}:{ValueText.Render(e.Key, e.Value)}").ToArray();
            case IEnumerable<KeyValuePair<string, object?>> pairs:
                return pairs.Select(p => $"{p.Key}:{ValueText.Render(p.Key, p.Value)}").ToArray();
            case IEnumerable<string> texts:
                return texts.Select(Redaction.Redactor.Current.RedactTag).ToArray();
            default:
                throw new InstrumentException($"Cannot send non-list of tags: {ValueText.Render(value)}");
        }
    }

    /// <summary>The entries of any dictionary (a generic one enumerates KeyValuePairs, its IDictionaryEnumerator entries).</summary>
    private static IEnumerable<DictionaryEntry> Entries(IDictionary dictionary)
    {
        var entries = dictionary.GetEnumerator();
        while (entries.MoveNext())
        {
            yield return entries.Entry;
        }
    }

    /// <summary>The manager's tags, then the instrument's.</summary>
    public static string[] Merge(string[] first, string[] second) =>
        first.Length == 0 ? second : second.Length == 0 ? first : [.. first, .. second];
}
