using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Diagnose.Expressions;

/// <summary>
/// What <c>new { region = r, id }</c> makes: an ordered, read-only name → value map that prints like a C# anonymous
/// object (<c>{ region = eu, id = 3 }</c>), compares by value like one, and enumerates as
/// <see cref="KeyValuePair{TKey, TValue}"/> of string and object for tags.
/// </summary>
internal sealed class AnonymousObject : IReadOnlyDictionary<string, object?>, IEquatable<AnonymousObject>
{
    private readonly string[] names;
    private readonly object?[] values;

    public AnonymousObject(string[] names, object?[] values)
    {
        if (names.Length != values.Length)
        {
            throw new ArgumentException("one value per name is needed", nameof(values));
        }

        this.names = names;
        this.values = values;
    }

    public int Count => names.Length;

    public IEnumerable<string> Keys => names;

    public IEnumerable<object?> Values => values;

    public object? this[string key] =>
        TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"the anonymous object has no member '{key}'");

    public bool ContainsKey(string key) => Array.IndexOf(names, key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
    {
        var index = Array.IndexOf(names, key);
        value = index >= 0 ? values[index] : null;
        return index >= 0;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < names.Length; i++)
        {
            yield return new KeyValuePair<string, object?>(names[i], values[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(AnonymousObject? other) =>
        other is not null && names.SequenceEqual(other.names) && values.SequenceEqual(other.values);

    public override bool Equals(object? obj) => Equals(obj as AnonymousObject);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        for (var i = 0; i < names.Length; i++)
        {
            hash.Add(names[i]);
            hash.Add(values[i]);
        }

        return hash.ToHashCode();
    }

    /// <summary>As C# prints anonymous objects: <c>{ a = 1, b = x }</c>; a null value prints as nothing.</summary>
    public override string ToString()
    {
        if (names.Length == 0)
        {
            return "{ }";
        }

        var text = new StringBuilder("{ ");
        for (var i = 0; i < names.Length; i++)
        {
            text.Append(i == 0 ? "" : ", ").Append(names[i]).Append(" = ").Append(values[i]);
        }

        return text.Append(" }").ToString();
    }
}
