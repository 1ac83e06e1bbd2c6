using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace Diagnose.Redaction;

/// <summary>How values of one type are rendered, decided once per type (see <see cref="Redactor.ViewOf"/>).</summary>
internal enum TypeViewKind
{
    /// <summary>As before redaction: invariant text, collections listed, else ToString().</summary>
    Plain = 0,

    /// <summary>Always <c>[redacted]</c>: a redacted type.</summary>
    Redacted = 1,

    /// <summary>A C# record or anonymous type (compiler-written ToString): member by member, sensitive ones redacted.</summary>
    Members = 2,

    /// <summary>A type with its own ToString and sensitive fields: ToString() with those fields' values cut out.</summary>
    Scrubbed = 3,

    /// <summary>A KeyValuePair: <c>[key, value]</c>, the value redacted when the key is a sensitive name.</summary>
    Pair = 4,
}

/// <summary>
/// One type's rendering rule and the members it needs: for <see cref="TypeViewKind.Members"/> the members C# prints
/// (public fields and properties, base type first, in declaration order; a sensitive one is never read), for
/// <see cref="TypeViewKind.Scrubbed"/> the sensitive instance fields (auto-property backing fields count by their
/// property's name).
/// </summary>
internal sealed class TypeView
{
    public static readonly TypeView Plain = new(TypeViewKind.Plain, false);

    private TypeView(TypeViewKind kind, bool materialized, string prefix = "", IReadOnlyList<Member>? members = null)
    {
        Kind = kind;
        IsMaterialized = materialized;
        Prefix = prefix;
        Members = members ?? [];
    }

    public TypeViewKind Kind { get; }

    /// <summary>A collection that holds its items (safe to enumerate): ICollection, or a generic (read-only) collection.</summary>
    public bool IsMaterialized { get; }

    /// <summary>What comes before the members: a record's type name and a space, nothing for anonymous types.</summary>
    public string Prefix { get; }

    public IReadOnlyList<Member> Members { get; }

    /// <summary>The rule for <paramref name="type"/>, given which names and types are sensitive.</summary>
    public static TypeView Of(Type type, Func<string, bool> sensitiveName, Func<Type, bool> redactedType)
    {
        if (redactedType(type))
        {
            return new TypeView(TypeViewKind.Redacted, false);
        }

        var materialized = typeof(ICollection).IsAssignableFrom(type) || type.GetInterfaces().Any(i => i.IsGenericType
            && (i.GetGenericTypeDefinition() == typeof(ICollection<>) || i.GetGenericTypeDefinition() == typeof(IReadOnlyCollection<>)));
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(KeyValuePair<,>))
        {
            return new TypeView(TypeViewKind.Pair, false, members: [Property(type.GetProperty("Key")!, false), Property(type.GetProperty("Value")!, false)]);
        }

        if (typeof(IEnumerable).IsAssignableFrom(type) || typeof(IFormattable).IsAssignableFrom(type))
        {
            return materialized ? new TypeView(TypeViewKind.Plain, true) : Plain;
        }

        if (IsAnonymous(type) || IsRecord(type))
        {
            return new TypeView(TypeViewKind.Members, false, IsAnonymous(type) ? "" : type.Name + " ", PrintedMembers(type, sensitiveName));
        }

        var toString = type.GetMethod(nameof(ToString), Type.EmptyTypes);
        if (toString is null || toString.DeclaringType == typeof(object) || toString.DeclaringType == typeof(ValueType))
        {
            return Plain;
        }

        var secrets = SensitiveFields(type, sensitiveName);
        return secrets.Count == 0 ? Plain : new TypeView(TypeViewKind.Scrubbed, false, members: secrets);
    }

    /// <summary>The value's members as C# prints a record or anonymous object: <c>{ A = 1, Password = [redacted] }</c>.</summary>
    public string RenderMembers(object value, Func<object?, string> render)
    {
        var text = new StringBuilder(Prefix).Append('{');
        for (var i = 0; i < Members.Count; i++)
        {
            var member = Members[i];
            text.Append(i == 0 ? " " : ", ").Append(member.Name).Append(" = ")
                .Append(member.Sensitive ? Redactor.Text : render(member.Read(value)));
        }

        return text.Append(" }").ToString();
    }

    /// <summary>The value's own text with the texts of its sensitive fields (3 characters or more) replaced.</summary>
    public string Scrub(object value, string text, Func<object?, string> render)
    {
        foreach (var member in Members)
        {
            var secret = member.Read(value) switch
            {
                null or bool => null,
                string s => s,
                var other => render(other),
            };
            if (secret is { Length: >= 3 })
            {
                text = text.Replace(secret, Redactor.Text, StringComparison.Ordinal);
            }
        }

        return text;
    }

    private static bool IsAnonymous(Type type) =>
        type.Namespace is null && type.Name.Contains("AnonymousType", StringComparison.Ordinal) && type.IsDefined(typeof(CompilerGeneratedAttribute), false);

    /// <summary>A record class or struct whose ToString the compiler wrote (it prints PrintMembers).</summary>
    private static bool IsRecord(Type type)
    {
        var printMembers = type.GetMethod("PrintMembers", BindingFlags.Instance | BindingFlags.NonPublic, [typeof(StringBuilder)]);
        var toString = type.GetMethod(nameof(ToString), BindingFlags.Instance | BindingFlags.Public | BindingFlags.DeclaredOnly, Type.EmptyTypes);
        return printMembers is not null && toString is not null && toString.IsDefined(typeof(CompilerGeneratedAttribute), false);
    }

    private static List<Member> PrintedMembers(Type type, Func<string, bool> sensitiveName)
    {
        var chain = new List<Type>();
        for (var current = type; current is not null && current != typeof(object) && current != typeof(ValueType); current = current.BaseType)
        {
            chain.Insert(0, current);
        }

        var members = new List<Member>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var declaring in chain)
        {
            var declared = declaring.GetMembers(BindingFlags.Instance | BindingFlags.Public | BindingFlags.DeclaredOnly)
                .Where(m => m is FieldInfo || m is PropertyInfo { CanRead: true } p && p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
                .OrderBy(m => m.MetadataToken);
            foreach (var member in declared)
            {
                if (seen.Add(member.Name))
                {
                    var sensitive = sensitiveName(member.Name);
                    members.Add(member is FieldInfo field ? Field(field, sensitive) : Property((PropertyInfo)member, sensitive));
                }
            }
        }

        return members;
    }

    private static List<Member> SensitiveFields(Type type, Func<string, bool> sensitiveName)
    {
        var fields = new List<Member>();
        for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
        {
            foreach (var field in current.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (sensitiveName(SourceName(field.Name)))
                {
                    fields.Add(Field(field, true));
                }
            }
        }

        return fields;
    }

    /// <summary><c>&lt;Password&gt;k__BackingField</c> → Password; <c>&lt;token&gt;P</c> (a captured primary-constructor parameter) → token.</summary>
    private static string SourceName(string fieldName) =>
        fieldName.StartsWith('<') && fieldName.IndexOf('>') is > 1 and var end ? fieldName[1..end] : fieldName;

    private static Member Field(FieldInfo field, bool sensitive) => new(field.Name, sensitive, field.GetValue);

    private static Member Property(PropertyInfo property, bool sensitive) => new(property.Name, sensitive, property.GetValue);

    /// <summary>A member to print or to cut out, and how to read it.</summary>
    internal sealed record Member(string Name, bool Sensitive, Func<object?, object?> Read);
}
