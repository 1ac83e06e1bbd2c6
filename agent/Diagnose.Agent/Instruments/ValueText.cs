using System.Collections;
using System.Globalization;
using System.Text;
using Diagnose.Expressions;
using Diagnose.Redaction;

namespace Diagnose;

/// <summary>
/// How values read in output: invariant culture, collections as [a, b] and {k: v}, cut at 2000 characters. Only
/// collections that hold their items (ICollection, arrays) are listed: a lazy sequence (an iterator, a LINQ query, a
/// stream reader) is shown with its ToString(), because enumerating it could consume it or run the app's code.
/// Redacted on the way (see <see cref="Redactor"/>): values of redacted types, dictionary values under sensitive
/// string keys, and sensitive members of records and anonymous objects read <c>[redacted]</c>; a type with its own
/// ToString and sensitive fields has those fields' texts cut out of it.
/// </summary>
internal static class ValueText
{
    public const int MaxLength = 2000;
    private const int MaxItems = 100;
    private const int MaxDepth = 8;

    public static string Render(object? value) => Cut(Text(value, Redactor.Current, 0));

    /// <summary>A value found under <paramref name="key"/> (a dictionary key, a tag): <c>[redacted]</c> when the key is a sensitive name.</summary>
    public static string Render(object? key, object? value)
    {
        var redactor = Redactor.Current;
        return key is string name && redactor.IsSensitive(name) ? Redactor.Text : Cut(Text(value, redactor, 0));
    }

    /// <summary>Texts over 2000 characters end in "..." at 2000.</summary>
    public static string Cut(string text) => text.Length <= MaxLength ? text : string.Concat(text.AsSpan(0, MaxLength - 3), "...");

    private static string Text(object? value, Redactor redactor, int depth)
    {
        switch (value)
        {
            case null:
                return "None";
            case string s:
                return s;
            case bool b:
                return b ? "True" : "False";
        }

        var type = value.GetType();
        var view = type.IsPrimitive ? TypeView.Plain : redactor.ViewOf(type);
        if (view.Kind == TypeViewKind.Redacted)
        {
            return Redactor.Text;
        }

        if (depth > MaxDepth)
        {
            return "...";
        }

        return value switch
        {
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            AnonymousObject anonymous => Members(anonymous, redactor, depth),
            IDictionary d => RenderDictionary(d, redactor, depth),
            IEnumerable e when view.IsMaterialized => RenderSequence(e, redactor, depth),
            _ => view.Kind switch
            {
                TypeViewKind.Members => view.RenderMembers(value, v => Text(v, redactor, depth + 1)),
                TypeViewKind.Pair => Pair(view, value, redactor, depth),
                TypeViewKind.Scrubbed => view.Scrub(value, value.ToString() ?? string.Empty, v => Text(v, redactor, depth + 1)),
                _ => value.ToString() ?? string.Empty,
            },
        };
    }

    private static string RenderSequence(IEnumerable sequence, Redactor redactor, int depth)
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

            builder.Append(Text(item, redactor, depth + 1));
        }

        return builder.Append(']').ToString();
    }

    private static string RenderDictionary(IDictionary dictionary, Redactor redactor, int depth)
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

            builder.Append(Text(entry.Key, redactor, depth + 1)).Append(": ").Append(Valued(entry.Key, entry.Value, redactor, depth));
        }

        return builder.Append('}').ToString();
    }

    /// <summary>A KeyValuePair as it prints: <c>[key, value]</c>.</summary>
    private static string Pair(TypeView view, object pair, Redactor redactor, int depth)
    {
        var key = view.Members[0].Read(pair);
        return $"[{Text(key, redactor, depth + 1)}, {Valued(key, view.Members[1].Read(pair), redactor, depth)}]";
    }

    /// <summary>An expression's anonymous object as it prints: <c>{ a = 1, password = [redacted] }</c>.</summary>
    private static string Members(AnonymousObject anonymous, Redactor redactor, int depth)
    {
        if (anonymous.Count == 0)
        {
            return "{ }";
        }

        var builder = new StringBuilder("{ ");
        foreach (var (name, value) in anonymous)
        {
            builder.Append(builder.Length == 2 ? "" : ", ").Append(name).Append(" = ").Append(Valued(name, value, redactor, depth));
        }

        return builder.Append(" }").ToString();
    }

    private static string Valued(object? key, object? value, Redactor redactor, int depth) =>
        key is string name && redactor.IsSensitive(name) ? Redactor.Text : Text(value, redactor, depth + 1);
}
