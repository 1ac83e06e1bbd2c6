using dnlib.DotNet;

namespace Diagnose.Cli.Discovery;

/// <summary>
/// The methods of a set of assemblies that match a pattern. Only names are read until a method matches (type and
/// method names are table rows); signatures and the PDB are read for the methods listed, and for a file pattern.
/// </summary>
internal static class MethodCatalog
{
    /// <summary>The methods matching <paramref name="pattern"/>, in assembly, type and metadata order.</summary>
    public static List<DiscoveredMethod> Find(IEnumerable<AssemblyFile> assemblies, MethodPattern pattern, Modules modules)
    {
        var found = new List<DiscoveredMethod>();
        foreach (var assembly in assemblies.Where(a => pattern.MayMatchAssembly(a.Name)))
        {
            if (modules.Open(assembly) is not { } module)
            {
                continue;
            }

            foreach (var type in module.GetTypes())
            {
                foreach (var method in type.Methods)
                {
                    if (Matches(method, pattern, out var target, out var form))
                    {
                        found.Add(Describe(method, assembly, target, form));
                    }
                }
            }
        }

        return found;
    }

    /// <summary>Every method of one module, described (for <c>check</c>'s lookups and tests).</summary>
    public static DiscoveredMethod Describe(MethodDef method, AssemblyFile assembly) =>
        Describe(method, assembly, MethodTargets.Of(method), SourceForms.Of(method));

    private static bool Matches(MethodDef method, MethodPattern pattern, out string target, out SourceForm? form)
    {
        target = "";
        form = null;
        if (pattern.IsFile)
        {
            if (!pattern.MatchesFile(SourceLines.Of(method).Document))
            {
                return false;
            }

            target = MethodTargets.Of(method);
            form = SourceForms.Of(method);
            return true;
        }

        // The cheap names first: the type's and the method's (with no overload list), then the generated form.
        var plain = $"{method.DeclaringType.ReflectionFullName}.{method.Name}";
        var generated = SourceForms.IsGeneratedType(method.DeclaringType) || method.Name.String.StartsWith('<');
        if (!pattern.MatchesName([plain]) && !generated)
        {
            return false;
        }

        form = generated ? SourceForms.Of(method) : null;
        if (!pattern.MatchesName([plain, form?.Owner]))
        {
            return false;
        }

        target = MethodTargets.Of(method);
        form ??= SourceForms.Of(method);
        return true;
    }

    private static DiscoveredMethod Describe(MethodDef method, AssemblyFile assembly, string target, SourceForm? form) =>
        new(assembly.Name, target, MethodTargets.Signature(method), SourceLines.Of(method), Refusals.Of(method, assembly.Kind), form?.Text);
}
