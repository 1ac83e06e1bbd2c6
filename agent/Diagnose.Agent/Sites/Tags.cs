using System.Collections;

namespace Diagnose.Sites;

/// <summary>Tags as diagnose has them: a list of "key:value" texts.</summary>
internal static class Tags
{
    public static readonly string[] None = [];

    /// <summary>Tags from the value of a tags expression: a dictionary or anonymous object (k:v) or a list of strings.</summary>
    public static string[] From(object? value)
    {
        switch (value)
        {
            case null:
                return None;
            case string text:
                throw new InstrumentException($"Cannot send non-list of tags: {ValueText.Render(text)}");
            case IDictionary dictionary:
                return dictionary.Cast<DictionaryEntry>().Select(e => $"{ValueText.Render(e.Key)}:{ValueText.Render(e.Value)}").ToArray();
            case IEnumerable<KeyValuePair<string, object?>> pairs:
                return pairs.Select(p => $"{p.Key}:{ValueText.Render(p.Value)}").ToArray();
            case IEnumerable<string> texts:
                return texts.ToArray();
            default:
                throw new InstrumentException($"Cannot send non-list of tags: {ValueText.Render(value)}");
        }
    }

    /// <summary>The manager's tags, then the instrument's.</summary>
    public static string[] Merge(string[] first, string[] second) =>
        first.Length == 0 ? second : second.Length == 0 ? first : [.. first, .. second];
}
