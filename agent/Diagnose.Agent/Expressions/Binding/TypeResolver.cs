using System.Collections.Concurrent;
using System.Reflection;

namespace Diagnose.Expressions;

/// <summary>
/// Finds types by name among the loaded assemblies: full names, or simple names in the namespaces an expression
/// may leave out (System, System.Linq, System.Collections.Generic, System.Text, System.Globalization). Lookups are
/// cached until another assembly loads. Where only a type can stand (casts, typeof, is/as, new), a unique simple name
/// from any namespace is enough.
/// </summary>
internal static class TypeResolver
{
    private static readonly string[] ImplicitNamespaces =
        ["", "System.", "System.Linq.", "System.Collections.Generic.", "System.Text.", "System.Globalization."];

    private static readonly ConcurrentDictionary<(string Name, int Arity), Type?> Cache = new();
    private static readonly ConcurrentDictionary<Assembly, ILookup<string, Type>> TypesByName = new();

    static TypeResolver()
    {
        AppDomain.CurrentDomain.AssemblyLoad += (_, _) => Cache.Clear();
    }

    /// <summary>A top-level type named <paramref name="dottedName"/> (optionally without its implicit namespace).</summary>
    public static Type? FindType(string dottedName, int arity) =>
        Cache.GetOrAdd((dottedName, arity), static key => Search(key.Name, key.Arity));

    /// <summary>A nested type of <paramref name="outer"/>, public or not.</summary>
    public static Type? FindNested(Type outer, string name, int arity)
    {
        var metadataName = arity == 0 ? name : $"{name}`{arity}";
        for (var type = outer; type is not null; type = type.BaseType)
        {
            if (type.GetNestedType(metadataName, BindingFlags.Public | BindingFlags.NonPublic) is { } nested)
            {
                return nested;
            }
        }

        return null;
    }

    /// <summary>The type a <see cref="TypeSyntax"/> names, or an error at its position.</summary>
    public static Type Resolve(TypeSyntax syntax, BindContext context)
    {
        var type = ResolveSegments(syntax, context);
        if (syntax.Nullable && type.IsValueType)
        {
            type = typeof(Nullable<>).MakeGenericType(type);
        }

        foreach (var rank in syntax.ArrayRanks.Reverse())
        {
            type = rank == 1 ? type.MakeArrayType() : type.MakeArrayType(rank);
        }

        return type;
    }

    private static Type ResolveSegments(TypeSyntax syntax, BindContext context)
    {
        var segments = syntax.Segments;
        if (segments.Count == 1 && TypeNames.FromKeyword(segments[0].Name) is { } keyword)
        {
            return keyword;
        }

        Type? type = null;
        var arguments = new List<Type>();
        var name = "";
        foreach (var segment in segments)
        {
            var arity = segment.TypeArguments.Count;
            arguments.AddRange(segment.TypeArguments.Select(a => Resolve(a, context)));
            if (type is null)
            {
                name = name.Length == 0 ? segment.Name : name + "." + segment.Name;
                type = FindType(name, arity);
            }
            else
            {
                type = FindNested(type, segment.Name, arity) ??
                    throw context.Error($"'{TypeNames.Display(type)}' does not have a nested type '{segment.Name}'", syntax.Position);
            }
        }

        if (type is null && segments.Count == 1)
        {
            type = FindBySimpleName(segments[0].Name, segments[0].TypeArguments.Count, syntax, context);
        }

        if (type is null)
        {
            throw context.Error($"unknown type '{syntax}'", syntax.Position);
        }

        return arguments.Count == 0 ? type : Construct(type, arguments.ToArray(), syntax, context);
    }

    /// <summary>
    /// Where a type is expected (casts, typeof, is/as, new), a top-level type of any namespace may be named by its
    /// simple name when only one loaded type has it: <c>(Order)args[0]</c>.
    /// </summary>
    private static Type? FindBySimpleName(string name, int arity, TypeSyntax syntax, BindContext context)
    {
        var metadataName = arity == 0 ? name : $"{name}`{arity}";
        var matches = AppDomain.CurrentDomain.GetAssemblies()
            .SelectMany(a => TypesByName.GetOrAdd(a, IndexTypes)[metadataName])
            .Distinct()
            .ToList();
        return matches.Count switch
        {
            0 => null,
            1 => matches[0],
            _ => throw context.Error(
                $"'{syntax}' is ambiguous: {string.Join(", ", matches.Take(3).Select(TypeNames.Display))}{(matches.Count > 3 ? "…" : "")}", syntax.Position),
        };
    }

    private static ILookup<string, Type> IndexTypes(Assembly assembly)
    {
        Type?[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            types = e.Types;
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException or TypeLoadException)
        {
            types = [];
        }

        return types
            .Where(t => t is { DeclaringType: null } && !t.Name.Contains('<', StringComparison.Ordinal))
            .ToLookup(t => t!.Name, t => t!, StringComparer.Ordinal);
    }

    public static Type Construct(Type definition, Type[] arguments, Syntax at, BindContext context)
    {
        try
        {
            return definition.MakeGenericType(arguments);
        }
        catch (ArgumentException e)
        {
            throw context.Error($"cannot make '{TypeNames.Display(definition)}' of {TypeNames.DisplayArguments(arguments)}: {e.Message}", at.Position);
        }
    }

    private static Type? Search(string name, int arity)
    {
        var metadataName = arity == 0 ? name : $"{name}`{arity}";
        var assemblies = AppDomain.CurrentDomain.GetAssemblies();
        foreach (var prefix in ImplicitNamespaces)
        {
            var fullName = prefix + metadataName;
            foreach (var assembly in assemblies)
            {
                if (SafeGetType(assembly, fullName) is { } type)
                {
                    return type;
                }
            }
        }

        return null;
    }

    private static Type? SafeGetType(Assembly assembly, string fullName)
    {
        try
        {
            return assembly.GetType(fullName, throwOnError: false);
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException or TypeLoadException)
        {
            return null;
        }
    }
}
