using System.Text;

namespace Diagnose.Targets;

/// <summary>The ways a user may spell a parameter type in a target: C# keyword, full name, short name, C# generics.</summary>
internal static class TypeSpelling
{
    private static readonly Dictionary<Type, string> s_keywords = new()
    {
        [typeof(bool)] = "bool",
        [typeof(byte)] = "byte",
        [typeof(sbyte)] = "sbyte",
        [typeof(char)] = "char",
        [typeof(short)] = "short",
        [typeof(ushort)] = "ushort",
        [typeof(int)] = "int",
        [typeof(uint)] = "uint",
        [typeof(long)] = "long",
        [typeof(ulong)] = "ulong",
        [typeof(float)] = "float",
        [typeof(double)] = "double",
        [typeof(decimal)] = "decimal",
        [typeof(string)] = "string",
        [typeof(object)] = "object",
        [typeof(nint)] = "nint",
        [typeof(nuint)] = "nuint",
        [typeof(void)] = "void",
    };

    /// <summary>True when <paramref name="written"/> names <paramref name="type"/>.</summary>
    public static bool Matches(Type type, string written)
    {
        var normalized = Normalize(written);
        return Spellings(type).Any(s => string.Equals(s, normalized, StringComparison.Ordinal));
    }

    /// <summary>The C# way to show a type in messages: <c>int</c>, <c>List&lt;string&gt;</c>, <c>ref Order</c>.</summary>
    public static string Display(Type type) => Spell(type, full: false, keywords: true);

    private static IEnumerable<string> Spellings(Type type)
    {
        yield return Spell(type, full: false, keywords: true);
        yield return Spell(type, full: true, keywords: true);
        yield return Spell(type, full: false, keywords: false);
        yield return Spell(type, full: true, keywords: false);
        if (type.FullName is { } reflectionName)
        {
            yield return reflectionName;
        }
    }

    private static string Normalize(string written)
    {
        var text = written.Trim();
        foreach (var prefix in new[] { "ref ", "out ", "in " })
        {
            if (text.StartsWith(prefix, StringComparison.Ordinal))
            {
                text = text[prefix.Length..].Trim() + "&";
            }
        }

        var builder = new StringBuilder();
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                builder.Append(c == ',' ? ", " : c.ToString());
            }
        }

        return builder.ToString();
    }

    private static string Spell(Type type, bool full, bool keywords)
    {
        if (type.IsByRef)
        {
            return Spell(type.GetElementType()!, full, keywords) + "&";
        }

        if (type.IsArray)
        {
            var rank = type.GetArrayRank();
            return Spell(type.GetElementType()!, full, keywords) + "[" + new string(',', rank - 1) + "]";
        }

        if (type.IsPointer)
        {
            return Spell(type.GetElementType()!, full, keywords) + "*";
        }

        if (keywords && s_keywords.TryGetValue(type, out var keyword))
        {
            return keyword;
        }

        if (type.IsGenericParameter)
        {
            return type.Name;
        }

        var name = type.Name;
        var tick = name.IndexOf('`');
        if (tick >= 0)
        {
            name = name[..tick];
        }

        if (type.IsNested && type.DeclaringType is { } outer)
        {
            name = Spell(outer.IsGenericTypeDefinition || !outer.IsGenericType ? outer : outer.GetGenericTypeDefinition(), full, keywords) + "+" + name;
        }
        else if (full && !string.IsNullOrEmpty(type.Namespace))
        {
            name = type.Namespace + "." + name;
        }

        if (type.IsGenericType)
        {
            var arguments = type.GetGenericArguments();
            var own = type.IsNested && type.DeclaringType!.IsGenericType ? arguments.Skip(type.DeclaringType.GetGenericArguments().Length) : arguments;
            var list = own.ToList();
            if (list.Count > 0)
            {
                name += "<" + string.Join(", ", list.Select(a => Spell(a, full, keywords))) + ">";
            }
        }

        return name;
    }
}
