using System.Reflection;
using System.Runtime.Loader;

namespace Diagnose.Management;

/// <summary>
/// Finds the class a spec's <c>instrument.type</c> names: a manager's instrument classes (the built-ins and those
/// registered in code) first, else a class of that full name (<c>MyCompany.Diag.SlowLog</c>, optionally
/// <c>[AssemblyName]MyCompany.Diag.SlowLog</c>) in an assembly the process has loaded, in any load context. The
/// class must be public, concrete, derive from this agent's <see cref="Instrument"/> and have the constructor
/// <see cref="InstrumentFactory"/> calls. An app built against another copy of Diagnose.Agent (another load
/// context or version) has an <c>Instrument</c> that is not this one: that is said, with both copies.
/// </summary>
internal static class InstrumentTypes
{
    /// <summary>The class, or null with the reason in <paramref name="error"/>.</summary>
    public static Type? Find(string name, IDictionary<string, Type> classes, out string? error)
    {
        error = null;
        if (classes.TryGetValue(name, out var registered))
        {
            return registered;
        }

        var (assemblyName, typeName) = Split(name.Trim());
        var found = Loaded(assemblyName, typeName);
        if (found.Count == 0)
        {
            error = !typeName.Contains('.') && assemblyName is null
                ? $"unknown instrument type '{name}' (known: {string.Join(", ", classes.Keys)})"
                : $"no loaded assembly has a class '{typeName}'{(assemblyName is null ? string.Empty : $" in an assembly '{assemblyName}'")} (is the assembly loaded yet? types are looked up in the process's loaded assemblies at every apply; built-in types: {string.Join(", ", classes.Keys)})";
            return null;
        }

        var problems = found.Select(type => (Type: type, Problem: ProblemOf(type, typeName))).ToList();
        var usable = problems.Where(p => p.Problem is null).Select(p => p.Type).ToList();
        if (usable.Count == 1)
        {
            return usable[0];
        }

        error = usable.Count > 1
            ? $"'{typeName}' is a class in more than one loaded assembly ({string.Join(", ", usable.Select(t => Describe(t.Assembly)))}): name one as '[AssemblyName]{typeName}'"
            : string.Join("; ", problems.Select(p => p.Problem).Distinct());
        return null;
    }

    /// <summary>Why <paramref name="type"/> cannot be an instrument class, or null when it can.</summary>
    internal static string? ProblemOf(Type type, string name)
    {
        if (!type.IsSubclassOf(typeof(Instrument)))
        {
            return OtherAgentInstrument(type) is { } other
                ? $"'{name}' derives from Diagnose.Instrument of {Describe(other.Assembly)}, not from the attached agent's ({Describe(typeof(Instrument).Assembly)}): {Advice(other.Assembly)}"
                : $"'{name}' is not a subclass of Diagnose.Instrument";
        }

        if (type.IsAbstract)
        {
            return $"'{name}' is abstract";
        }

        if (!type.IsVisible)
        {
            return $"'{name}' is not public";
        }

        if (type.ContainsGenericParameters)
        {
            return $"'{name}' is generic (an instrument class needs all its type arguments)";
        }

        return InstrumentFactory.ConstructorProblem(type);
    }

    /// <summary>The <c>Diagnose.Instrument</c> of another assembly that <paramref name="type"/> derives from, if any.</summary>
    private static Type? OtherAgentInstrument(Type type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current.FullName == typeof(Instrument).FullName && current.Assembly != typeof(Instrument).Assembly)
            {
                return current;
            }
        }

        return null;
    }

    /// <summary>What to change so that the app's class derives from the attached agent's Instrument.</summary>
    private static string Advice(Assembly other) =>
        AssemblyLoadContext.GetLoadContext(other) != AssemblyLoadContext.GetLoadContext(typeof(Instrument).Assembly)
            ? "its load context has a copy of Diagnose.Agent of its own; let that context take Diagnose.Agent from the default one (return null from its Load for it), as for any assembly shared with a plugin"
            : "build the app against the attached agent's Diagnose.Agent";

    /// <summary>"Diagnose.Agent 0.1.0 loaded from /app/Diagnose.Agent.dll in load context 'Default'".</summary>
    internal static string Describe(Assembly assembly)
    {
        var name = assembly.GetName();
        var location = string.IsNullOrEmpty(assembly.Location) ? "memory" : assembly.Location;
        var context = AssemblyLoadContext.GetLoadContext(assembly);
        return $"{name.Name} {name.Version} loaded from {location} in load context '{context?.Name ?? "?"}'";
    }

    private static (string? Assembly, string Type) Split(string name)
    {
        if (name.StartsWith('[') && name.IndexOf(']') is > 1 and var close)
        {
            return (name[1..close].Trim(), name[(close + 1)..].Trim());
        }

        return (null, name);
    }

    /// <summary>The classes of that full name in the loaded assemblies (of that simple name, when one is given).</summary>
    private static List<Type> Loaded(string? assemblyName, string typeName)
    {
        var found = new List<Type>();
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            if (assemblyName is not null && !string.Equals(assembly.GetName().Name, assemblyName, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            try
            {
                if (assembly.GetType(typeName, throwOnError: false) is { IsClass: true } type)
                {
                    found.Add(type);
                }
            }
            catch (Exception e) when (e is FileLoadException or FileNotFoundException or BadImageFormatException or TypeLoadException)
            {
                // An assembly whose types cannot be read has no usable class; the others still count.
            }
        }

        return found;
    }
}
