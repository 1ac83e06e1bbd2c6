using System.Reflection;

namespace Diagnose.Differential.Probing;

/// <summary>
/// Every method of an assembly: all types (nested, compiler-generated, generic definitions), all methods declared on
/// them, constructors (instance and static), accessors and operators, in metadata order.
/// </summary>
internal static class MethodInventory
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <param name="assembly">The library.</param>
    /// <param name="typeErrors">Types that could not be loaded (their methods are not counted), with why.</param>
    public static IReadOnlyList<MethodBase> All(Assembly assembly, out IReadOnlyList<string> typeErrors)
    {
        Type[] types;
        var errors = new List<string>();
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            types = e.Types.OfType<Type>().ToArray();
            errors.AddRange(e.LoaderExceptions.OfType<Exception>().Select(x => x.Message).Distinct());
        }

        typeErrors = errors;
        var methods = new List<MethodBase>();
        foreach (var type in types)
        {
            methods.AddRange(type.GetConstructors(Declared));
            methods.AddRange(type.GetMethods(Declared));
        }

        return methods.OrderBy(m => m.MetadataToken).ToList();
    }

    /// <summary>True when the method has an IL body in metadata (what a probe could rewrite).</summary>
    public static bool HasIL(MethodBase method)
    {
        try
        {
            return method.GetMethodBody() is not null;
        }
        catch (Exception e) when (e is InvalidOperationException or BadImageFormatException or NotSupportedException)
        {
            return false;
        }
    }

    /// <summary>"Ns.Type.Method(ParamType, …)" with generic arity, for reports.</summary>
    public static string Describe(MethodBase method)
    {
        var type = method.DeclaringType?.FullName ?? method.DeclaringType?.Name ?? "?";
        var generic = method.IsGenericMethodDefinition ? $"<{string.Join(",", method.GetGenericArguments().Select(a => a.Name))}>" : string.Empty;
        string parameters;
        try
        {
            parameters = string.Join(", ", method.GetParameters().Select(p => p.ParameterType.Name));
        }
        catch (Exception e) when (e is TypeLoadException or FileNotFoundException)
        {
            parameters = "?";
        }

        return $"{type}.{method.Name}{generic}({parameters})";
    }
}
