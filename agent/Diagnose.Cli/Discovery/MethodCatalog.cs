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
            if (modules.Open(assembly, symbols: pattern.IsFile) is not { } module)
            {
                continue;
            }

            Timing.Mark($"opened {assembly.Name}");
            foreach (var type in module.GetTypes())
            {
                var typeName = type.ReflectionFullName;
                var generatedType = SourceForms.IsGeneratedType(type);
                foreach (var (rid, name) in MethodNames(module, type))
                {
                    // A method is made (its row and signature decoded) only when its name can match.
                    var generated = generatedType || name.StartsWith('<');
                    if (!pattern.IsFile && !generated && !pattern.MatchesName([$"{typeName}.{name}"]))
                    {
                        continue;
                    }

                    var method = modules.WithSymbols(module).ResolveMethod(rid);
                    var form = generated ? SourceForms.Of(method) : null;
                    if (Matches(method, pattern, $"{typeName}.{name}", form))
                    {
                        found.Add(new DiscoveredMethod(assembly.Name, MethodTargets.Of(method), MethodTargets.Signature(method), SourceLines.Of(method), Refusals.Of(method, assembly.Kind), form?.Text));
                    }
                }
            }

            Timing.Mark($"read {assembly.Name}");
        }

        return found;
    }

    /// <summary>The row ids and names of a type's methods, read from the metadata tables without making the methods.</summary>
    public static IEnumerable<(uint Rid, string Name)> MethodNames(ModuleDefMD module, TypeDef type)
    {
        var rids = module.Metadata.GetMethodRidList(type.Rid);
        for (var i = 0; i < rids.Count; i++)
        {
            var rid = rids[i];
            if (module.TablesStream.TryReadMethodRow(rid, out var row))
            {
                yield return (rid, module.StringsStream.ReadNoNull(row.Name).String);
            }
        }
    }

    /// <summary>A file pattern reads the method's PDB document; a name pattern its name, and for generated code the method the user wrote.</summary>
    private static bool Matches(MethodDef method, MethodPattern pattern, string name, SourceForm? form) =>
        pattern.IsFile ? pattern.MatchesFile(SourceLines.Of(method).Document) : pattern.MatchesName([name, form?.Owner]);
}
