using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Diagnose.Expressions;

/// <summary>
/// Finds members by name the way C# sees them, public or not: fields and properties (the most derived wins),
/// methods (overrides and hidden methods collapse to the most derived), indexers, and the extension methods
/// of System.Linq.Enumerable and CollectionExtensions. Interfaces include their base interfaces and object.
/// Members of the agent's own context values (<see cref="ContextValueAttribute"/>) are found in any case when no
/// member has the exact name. Results are cached per type and name.
/// </summary>
internal static class MemberLookup
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance |
        BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly ConcurrentDictionary<(Type, string), MemberInfo?> Values = new();
    private static readonly ConcurrentDictionary<(Type, string), MethodInfo[]> Methods = new();
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Indexers = new();
    private static readonly Lazy<ILookup<string, MethodInfo>> Extensions = new(LoadExtensions);

    /// <summary>The field or (non-indexed) property named <paramref name="name"/>, or null.</summary>
    public static MemberInfo? FindValue(Type type, string name) =>
        Values.GetOrAdd((type, name), static key =>
            SearchValue(key.Item1, key.Item2, Declared) ??
            (IsContextValue(key.Item1) ? SearchValue(key.Item1, key.Item2, Declared | BindingFlags.IgnoreCase) : null));

    /// <summary>The methods named <paramref name="name"/>, most derived first, public or not.</summary>
    public static MethodInfo[] FindMethods(Type type, string name) =>
        Methods.GetOrAdd((type, name), static key =>
            SearchMethods(key.Item1, key.Item2, Declared) switch
            {
                { Length: 0 } when IsContextValue(key.Item1) => SearchMethods(key.Item1, key.Item2, Declared | BindingFlags.IgnoreCase),
                var exact => exact,
            });

    /// <summary>
    /// The indexed properties (C# indexers) of <paramref name="type"/> and its bases or interfaces, without explicit
    /// interface implementations (List&lt;T&gt;'s IList.Item would otherwise compete with its own indexer).
    /// </summary>
    public static PropertyInfo[] FindIndexers(Type type) => Indexers.GetOrAdd(type, static t => Hierarchy(t)
        .SelectMany(h => h.GetProperties(Declared))
        .Where(p => p.GetIndexParameters().Length > 0 && p.GetMethod is not null && !p.Name.Contains('.', StringComparison.Ordinal))
        .GroupBy(p => string.Join(",", p.GetIndexParameters().Select(i => i.ParameterType)))
        .Select(g => g.First())
        .ToArray());

    /// <summary>Extension methods named <paramref name="name"/> (LINQ and CollectionExtensions).</summary>
    public static IEnumerable<MethodInfo> FindExtensions(string name) => Extensions.Value[name];

    /// <summary>Whether any member of this name exists (to tell "no such member" from "no such overload").</summary>
    public static bool HasMember(Type type, string name) =>
        FindValue(type, name) is not null || FindMethods(type, name).Length > 0;

    /// <summary>The type, then its base classes; for interfaces, the interface, its bases, then object.</summary>
    public static IEnumerable<Type> Hierarchy(Type type)
    {
        if (type.IsInterface)
        {
            return new[] { type }.Concat(type.GetInterfaces()).Append(typeof(object));
        }

        if (type.IsGenericParameter)
        {
            return Hierarchy(type.BaseType ?? typeof(object));
        }

        var chain = new List<Type>();
        for (var t = type; t is not null; t = t.BaseType)
        {
            chain.Add(t);
        }

        return chain;
    }

    private static bool IsContextValue(Type type) => type.IsDefined(typeof(ContextValueAttribute), false);

    private static MemberInfo? SearchValue(Type type, string name, BindingFlags flags)
    {
        foreach (var level in Hierarchy(type))
        {
            foreach (var member in level.GetMember(name, MemberTypes.Field | MemberTypes.Property, flags))
            {
                if (member is FieldInfo || (member is PropertyInfo property && property.GetIndexParameters().Length == 0))
                {
                    return member;
                }
            }
        }

        return null;
    }

    private static MethodInfo[] SearchMethods(Type type, string name, BindingFlags flags)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<MethodInfo>();
        foreach (var level in Hierarchy(type))
        {
            foreach (var method in level.GetMember(name, MemberTypes.Method, flags).Cast<MethodInfo>())
            {
                var signature = method.IsStatic + "|" + method.GetGenericArguments().Length + "|" +
                    string.Join(",", method.GetParameters().Select(p => p.ParameterType.ToString()));
                if (seen.Add(signature))
                {
                    result.Add(method);
                }
            }
        }

        return result.ToArray();
    }

    private static ILookup<string, MethodInfo> LoadExtensions() =>
        new[] { typeof(Enumerable), typeof(CollectionExtensions) }
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
            .Where(m => m.IsDefined(typeof(ExtensionAttribute), false))
            .ToLookup(m => m.Name, StringComparer.Ordinal);
}
