using System.Reflection;

namespace Diagnose.Expressions;

/// <summary>C# keyword types and how types and members are named in messages (C# style: <c>List&lt;int&gt;</c>, <c>Outer.Inner</c>).</summary>
internal static class TypeNames
{
    private static readonly Dictionary<string, Type> Keywords = new(StringComparer.Ordinal)
    {
        ["bool"] = typeof(bool), ["byte"] = typeof(byte), ["sbyte"] = typeof(sbyte), ["short"] = typeof(short),
        ["ushort"] = typeof(ushort), ["int"] = typeof(int), ["uint"] = typeof(uint), ["long"] = typeof(long),
        ["ulong"] = typeof(ulong), ["nint"] = typeof(nint), ["nuint"] = typeof(nuint), ["float"] = typeof(float),
        ["double"] = typeof(double), ["decimal"] = typeof(decimal), ["char"] = typeof(char),
        ["string"] = typeof(string), ["object"] = typeof(object),
    };

    private static readonly Dictionary<Type, string> KeywordOf = Keywords.ToDictionary(p => p.Value, p => p.Key);

    public static bool IsKeyword(string name) => Keywords.ContainsKey(name);

    public static Type? FromKeyword(string name) => Keywords.GetValueOrDefault(name);

    /// <summary>A type as C# writes it: keywords for built-in types, full names otherwise, '.' for nesting.</summary>
    public static string Display(Type type)
    {
        if (KeywordOf.TryGetValue(type, out var keyword))
        {
            return keyword;
        }

        // The expression language's and the agent's own types, by what the user wrote or knows them as.
        if (type == typeof(AnonymousObject))
        {
            return "<anonymous object>";
        }

        if (type.GetCustomAttribute<ContextValueAttribute>(false) is { } contextValue)
        {
            return contextValue.Name;
        }

        if (type.IsArray)
        {
            return Display(type.GetElementType()!) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Display(underlying) + "?";
        }

        if (type.IsGenericParameter)
        {
            return type.Name;
        }

        var name = type.IsNested ? Display(type.DeclaringType!) + "." + type.Name : type.FullName ?? type.Name;
        if (!type.IsGenericType)
        {
            return name;
        }

        var tick = name.IndexOf('`', StringComparison.Ordinal);
        var arguments = type.GetGenericArguments();
        var own = type.IsNested ? arguments.Skip(type.DeclaringType!.GetGenericArguments().Length) : arguments;
        var list = string.Join(", ", own.Select(Display));
        return (tick < 0 ? name : name[..tick]) + (list.Length == 0 ? "" : "<" + list + ">");
    }

    /// <summary>A member with its declaring type: <c>System.IO.File.Delete</c>.</summary>
    public static string Display(MemberInfo member) =>
        member is ConstructorInfo ? Display(member.DeclaringType!) : $"{Display(member.DeclaringType!)}.{member.Name}";

    public static string DisplayArguments(IEnumerable<Type?> types) =>
        "(" + string.Join(", ", types.Select(t => t is null ? "null" : Display(t))) + ")";
}
