using System.Reflection;
using Diagnose.Protocol.Naming;

namespace Diagnose.Targets;

/// <summary>Finds the methods a target names among the loaded assemblies, with the errors SPEC.md fixes.</summary>
internal static class TargetResolver
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>The methods of <paramref name="target"/>; pending when its assembly or type is not loaded (yet).</summary>
    /// <exception cref="DiagnoseException">The type exists but the member does not, or nothing it names can be probed.</exception>
    public static TargetResolution Resolve(TargetName target, IEnumerable<Assembly> assemblies)
    {
        if (target.File is not null)
        {
            return LineTargets.InFile(target, assemblies);
        }

        var resolution = ResolveMethods(target, assemblies);
        return target.Line is null || resolution.IsPending ? resolution : TargetResolution.Found(LineTargets.InMethods(target, resolution.Methods));
    }

    private static TargetResolution ResolveMethods(TargetName target, IEnumerable<Assembly> assemblies)
    {
        var candidates = assemblies.Where(a => target.Assembly is null || string.Equals(a.GetName().Name, target.Assembly, StringComparison.OrdinalIgnoreCase)).ToList();
        if (target.Assembly is not null && candidates.Count == 0)
        {
            return TargetResolution.Pending($"assembly '{target.Assembly}' is not loaded yet");
        }

        var types = candidates.Select(a => FindType(a, target.TypeName)).OfType<Type>().Distinct().ToList();
        if (types.Count == 0 && ExplicitImplementation(target, candidates) is { } explicitTarget)
        {
            target = explicitTarget.Target;
            types = [explicitTarget.Type];
        }

        if (types.Count == 0)
        {
            return NotLoaded(target, candidates);
        }

        var methods = new List<MethodBase>();
        var refusals = new List<string>();
        foreach (var type in types)
        {
            foreach (var method in Members(type, target))
            {
                if (Refusal(method) is { } reason)
                {
                    refusals.Add(reason);
                }
                else
                {
                    methods.Add(method);
                }
            }
        }

        if (methods.Count == 0)
        {
            throw new DiagnoseException(refusals.Count > 0 ? $"cannot probe '{target}': {refusals[0]}" : MissingMember(types[0], target));
        }

        return TargetResolution.Found(methods);
    }

    /// <summary>Why a method cannot be probed, or null when it can.</summary>
    public static string? Refusal(MethodBase method)
    {
        var assembly = method.Module.Assembly;
        if (method.IsAbstract)
        {
            return "it is abstract (it has no body; probe an implementation)";
        }

        if ((method.Attributes & MethodAttributes.PinvokeImpl) != 0)
        {
            return "it is extern (P/Invoke)";
        }

        var implementation = method.MethodImplementationFlags;
        if ((implementation & MethodImplAttributes.InternalCall) != 0 || (implementation & MethodImplAttributes.CodeTypeMask) == MethodImplAttributes.Runtime)
        {
            return "it is implemented by the runtime (no IL)";
        }

        if (assembly.IsDynamic)
        {
            return "it is in a dynamic module (Reflection.Emit)";
        }

        if (assembly.IsCollectible)
        {
            return "it is in a collectible assembly, which the runtime cannot re-JIT";
        }

        if (method.CallingConvention.HasFlag(CallingConventions.VarArgs))
        {
            return "it takes variable arguments (__arglist)";
        }

        if (assembly == typeof(TargetResolver).Assembly || assembly.GetName().Name == "Diagnose.Protocol")
        {
            return "it belongs to Diagnose itself";
        }

        return method.GetMethodBody() is null ? "it has no IL body" : null;
    }

    /// <summary>
    /// <c>Ns.Impl.IFace.Method</c> where <c>Ns.Impl</c> implements <c>IFace.Method</c> explicitly: the method's name is
    /// <c>Ns.IFace.Method</c>, so the target is read as a shorter type and a dotted member.
    /// </summary>
    private static (TargetName Target, Type Type)? ExplicitImplementation(TargetName target, List<Assembly> assemblies)
    {
        var typeName = target.TypeName;
        for (var dot = typeName.LastIndexOf('.'); dot > 0; dot = typeName.LastIndexOf('.', dot - 1))
        {
            var member = $"{typeName[(dot + 1)..]}.{target.Member}";
            foreach (var type in assemblies.Select(a => FindType(a, typeName[..dot])).OfType<Type>())
            {
                var name = type.GetMethods(Declared).FirstOrDefault(m => m.Name.EndsWith("." + member, StringComparison.Ordinal))?.Name;
                if (name is not null)
                {
                    return (target with { TypeName = typeName[..dot], Member = name }, type);
                }
            }
        }

        return null;
    }

    private static Type? FindType(Assembly assembly, string name)
    {
        // Nested types may be written with '.' as well as '+': try the dots from the right as '+'.
        var candidate = name;
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var type = SafeGetType(assembly, candidate);
            if (type is not null)
            {
                return type;
            }

            var dot = candidate.LastIndexOf('.');
            if (dot <= 0)
            {
                return null;
            }

            candidate = candidate[..dot] + "+" + candidate[(dot + 1)..];
        }

        return null;
    }

    private static Type? SafeGetType(Assembly assembly, string name)
    {
        try
        {
            return assembly.GetType(name, throwOnError: false, ignoreCase: false);
        }
        catch (Exception e) when (e is ArgumentException or FileNotFoundException or FileLoadException or BadImageFormatException or TypeLoadException)
        {
            return null;
        }
    }

    private static IEnumerable<MethodBase> Members(Type type, TargetName target)
    {
        IEnumerable<MethodBase> named = target.Member switch
        {
            ".ctor" => type.GetConstructors(Declared & ~BindingFlags.Static),
            ".cctor" => type.TypeInitializer is { } initializer ? [initializer] : [],
            _ => type.GetMethods(Declared).Where(m => m.Name == target.Member),
        };
        var list = named.ToList();
        if (list.Count == 0 && type.GetProperty(target.Member, Declared) is { } property)
        {
            // Ns.Type.Name means the property's getter (get_Name/set_Name name one accessor).
            list.AddRange(new[] { property.GetMethod }.OfType<MethodBase>());
        }

        if (list.Count == 0)
        {
            throw new DiagnoseException(MissingMember(type, target));
        }

        if (target.Parameters is null)
        {
            return list;
        }

        var matching = list.Where(m => ParametersMatch(m, target.Parameters)).ToList();
        if (matching.Count == 0)
        {
            var overloads = string.Join(", ", list.Select(m => $"{target.Member}({string.Join(", ", m.GetParameters().Select(p => TypeSpelling.Display(p.ParameterType)))})"));
            throw new DiagnoseException($"'{TypeSpelling.Display(type)}' does not have a method '{target.Member}({string.Join(", ", target.Parameters)})'; it has {overloads}");
        }

        return matching;
    }

    private static bool ParametersMatch(MethodBase method, IReadOnlyList<string> written)
    {
        var parameters = method.GetParameters();
        return parameters.Length == written.Count && parameters.Zip(written).All(p => TypeSpelling.Matches(p.First.ParameterType, p.Second));
    }

    /// <summary>
    /// The target's type is in no loaded assembly: pending while an assembly not loaded yet defines it (or the type
    /// whose explicit interface implementation it names), else an error with the closest type names.
    /// </summary>
    /// <exception cref="DiagnoseException">No assembly the process can load by name defines the type.</exception>
    private static TargetResolution NotLoaded(TargetName target, List<Assembly> candidates)
    {
        var loaded = candidates.Select(a => a.GetName().Name).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        var typeName = target.TypeName;
        for (var prefix = typeName; prefix.Length > 0; prefix = prefix.LastIndexOf('.') is var dot and > 0 ? prefix[..dot] : "")
        {
            if (TypeIndex.AssemblyOf(prefix) is { } assembly && !loaded.Contains(assembly))
            {
                return TargetResolution.Pending($"type '{prefix}' is in assembly '{assembly}', which is not loaded yet");
            }
        }

        var closest = TypeIndex.Closest(typeName);
        var where = target.Assembly is null ? "" : $" in assembly '{target.Assembly}'";
        var suggestion = closest.Count > 0 ? $"; did you mean {Spelling.Alternatives(closest)}?" : "";
        throw new DiagnoseException(target.Assembly is null
            ? $"type '{typeName}' was not found{suggestion} (no assembly this process has or can load by name defines it; if it loads later from another directory, name its assembly: [Assembly]{typeName}.{target.Member})"
            : $"type '{typeName}' was not found{where}{suggestion}");
    }

    private static string MissingMember(Type type, TargetName target)
    {
        var names = type.GetMethods(Declared).Where(m => !m.IsSpecialName).Select(m => m.Name)
            .Concat(type.GetProperties(Declared).Select(p => p.Name))
            .Where(n => !n.StartsWith('<'));
        var closest = Spelling.Closest(target.Member, names).Select(n => $"{FullName(type)}.{n}").ToList();
        return $"'{FullName(type)}' does not have a method '{target.Member}'" + (closest.Count > 0 ? $"; did you mean {Spelling.Alternatives(closest)}?" : "");
    }

    private static string FullName(Type type) => (type.FullName ?? type.Name).Replace('+', '.');
}
