using dnlib.DotNet;

namespace Diagnose.Cli.Discovery;

/// <summary>
/// Finds the methods a spec's target names in assemblies on disk, by the agent's rules (agent/Diagnose.Agent/Targets/
/// TargetResolver): nested types with '.' or '+', explicit interface implementations, a property's name for its
/// getter, <c>..ctor</c>/<c>..cctor</c>, one overload by its parameter types. A target that names nothing gets the
/// closest names.
/// </summary>
internal sealed class TargetLookup
{
    private readonly IReadOnlyList<(AssemblyFile File, ModuleDefMD Module)> _modules;
    private readonly Func<string, IReadOnlyList<(AssemblyFile File, ModuleDefMD Module)>> _framework;

    /// <param name="modules">The app's assemblies.</param>
    /// <param name="framework">For a type name none of them has: the framework assemblies that could hold it.</param>
    public TargetLookup(IReadOnlyList<(AssemblyFile File, ModuleDefMD Module)> modules, Func<string, IReadOnlyList<(AssemblyFile File, ModuleDefMD Module)>> framework)
    {
        _modules = modules;
        _framework = framework;
    }

    /// <summary>The methods of the app with code on a file's line (<c>File.cs:44</c>), or none with <paramref name="problem"/> set.</summary>
    public IReadOnlyList<MethodDef> AtFileLine(string file, int line, out string? problem) =>
        LineTargets.InFile(_modules.Select(m => m.Module), file, line, out problem);

    /// <summary>The methods that can be probed, or none with <paramref name="problem"/> saying why.</summary>
    public IReadOnlyList<MethodDef> Resolve(string text, out string? problem)
    {
        if (TargetText.Parse(text, out problem) is not { } target)
        {
            return [];
        }

        var candidates = Candidates(_modules, target);
        if (!candidates.Any(c => FindType(c.Module, target.TypeName) is not null) && Candidates(_framework(target.TypeName), target) is { Count: > 0 } framework)
        {
            candidates = framework.Any(c => FindType(c.Module, target.TypeName) is not null) ? framework : candidates.Count == 0 ? framework : candidates;
        }

        if (candidates.Count == 0)
        {
            problem = $"assembly '{target.Assembly}' is not among the app's assemblies (the probe would stay pending until it loads)";
            return [];
        }

        var types = candidates.Select(c => FindType(c.Module, target.TypeName)).OfType<TypeDef>().ToList();
        if (types.Count == 0 && ExplicitImplementation(target, candidates) is { } explicitTarget)
        {
            (target, types) = (explicitTarget.Target, [explicitTarget.Type]);
        }

        if (types.Count == 0)
        {
            var known = candidates.SelectMany(c => c.Module.GetTypes()).Where(t => !SourceForms.IsGeneratedType(t)).Select(t => t.ReflectionFullName);
            problem = $"type '{target.TypeName}' was not found in the app's assemblies (the agent would refuse the spec){Suggestions.DidYouMean(Suggestions.Closest(target.TypeName, known))}";
            return [];
        }

        var named = types.SelectMany(t => Members(t, target.Member)).ToList();
        if (named.Count == 0)
        {
            var members = types.SelectMany(t => t.Methods.Select(m => m.Name.String).Concat(t.Properties.Select(p => p.Name.String))).Where(n => !n.StartsWith('<'));
            problem = $"'{types[0].ReflectionFullName.Replace('+', '.')}' does not have a method '{target.Member}'{Suggestions.DidYouMean(Suggestions.Closest(target.Member, members).Select(m => $"{types[0].ReflectionFullName}.{m}").ToList())}";
            return [];
        }

        var matching = target.Parameters is null ? named : named.Where(m => ParametersMatch(m, target.Parameters)).ToList();
        if (matching.Count == 0)
        {
            var overloads = string.Join(", ", named.Select(m => $"{target.Member}({string.Join(", ", MethodTargets.ParameterTypes(m))})"));
            problem = $"'{TypeNames.Of(types[0].ToTypeSig(), named[0])}' does not have a method '{target.Member}({string.Join(", ", target.Parameters!)})'; it has {overloads}";
            return [];
        }

        var kinds = candidates.ToDictionary(c => c.Module, c => c.File.Kind);
        var probeable = matching.Where(m => Refusals.Of(m, kinds[(ModuleDefMD)m.Module]) is null).ToList();
        if (probeable.Count == 0)
        {
            problem = $"cannot probe '{target.Text}': {Refusals.Of(matching[0], kinds[(ModuleDefMD)matching[0].Module])}";
        }

        return probeable;
    }

    private static List<(AssemblyFile File, ModuleDefMD Module)> Candidates(IEnumerable<(AssemblyFile File, ModuleDefMD Module)> modules, TargetText target) =>
        modules.Where(m => target.Assembly is null || string.Equals(m.File.Name, target.Assembly, StringComparison.OrdinalIgnoreCase)).ToList();

    private static TypeDef? FindType(ModuleDefMD module, string name)
    {
        // Nested types may be written with '.' as well as '+': the dots from the right are tried as '+'.
        var candidate = name;
        for (var attempt = 0; attempt < 8; attempt++)
        {
            if (module.Find(candidate, isReflectionName: true) is { } type)
            {
                return type;
            }

            var dot = candidate.LastIndexOf('.');
            if (dot <= 0)
            {
                return null;
            }

            candidate = $"{candidate[..dot]}+{candidate[(dot + 1)..]}";
        }

        return null;
    }

    /// <summary><c>Ns.Impl.IFace.Method</c>: the method <c>Ns.IFace.Method</c> that <c>Ns.Impl</c> implements explicitly.</summary>
    private static (TargetText Target, TypeDef Type)? ExplicitImplementation(TargetText target, List<(AssemblyFile File, ModuleDefMD Module)> candidates)
    {
        var typeName = target.TypeName;
        for (var dot = typeName.LastIndexOf('.'); dot > 0; dot = typeName.LastIndexOf('.', dot - 1))
        {
            var suffix = $".{typeName[(dot + 1)..]}.{target.Member}";
            foreach (var type in candidates.Select(c => FindType(c.Module, typeName[..dot])).OfType<TypeDef>())
            {
                if (type.Methods.FirstOrDefault(m => m.Name.EndsWith(suffix, StringComparison.Ordinal)) is { } method)
                {
                    return (target with { TypeName = typeName[..dot], Member = method.Name }, type);
                }
            }
        }

        return null;
    }

    private static IEnumerable<MethodDef> Members(TypeDef type, string member)
    {
        var named = member switch
        {
            ".ctor" => type.Methods.Where(m => m.IsInstanceConstructor).ToList(),
            ".cctor" => type.Methods.Where(m => m.IsStaticConstructor).ToList(),
            _ => type.Methods.Where(m => m.Name == member).ToList(),
        };

        // Ns.Type.Name means the property's getter (get_Name/set_Name name one accessor).
        return named.Count == 0 && type.Properties.FirstOrDefault(p => p.Name == member)?.GetMethod is { } getter ? [getter] : named;
    }

    private static bool ParametersMatch(MethodDef method, IReadOnlyList<string> written)
    {
        var parameters = method.Parameters.Where(p => p.IsNormalMethodParameter).ToList();
        return parameters.Count == written.Count && parameters.Zip(written).All(p => TypeNames.Spellings(p.First.Type, method).Contains(TypeNames.Normalize(p.Second)));
    }
}
