using dnlib.DotNet;

namespace Diagnose.Cli.Discovery;

/// <summary>
/// <c>methods</c>' whole work: which of a process's assemblies to read (framework ones only with <c>--all</c> or a
/// pattern that names them), the methods matching, and when none do, the names closest to the pattern.
/// </summary>
internal sealed class MethodListing
{
    private MethodListing(IReadOnlyList<DiscoveredMethod> methods, int helpers, IReadOnlyList<string> suggestions, IReadOnlyList<string> skipped)
    {
        Methods = methods;
        HelpersLeftOut = helpers;
        Suggestions = suggestions;
        Skipped = skipped;
    }

    public IReadOnlyList<DiscoveredMethod> Methods { get; }

    /// <summary>
    /// Compiler-generated methods without source lines left out (closure constructors, a state machine's interface
    /// plumbing): nothing the user wrote runs in them. <c>--all</c> keeps them.
    /// </summary>
    public int HelpersLeftOut { get; }

    /// <summary>When nothing matched: the closest type and method names.</summary>
    public IReadOnlyList<string> Suggestions { get; }

    /// <summary>Assemblies that could not be read, with the reason.</summary>
    public IReadOnlyList<string> Skipped { get; }

    public static MethodListing Of(IReadOnlyList<AssemblyFile> assemblies, MethodPattern pattern, bool all)
    {
        var chosen = assemblies.Where(a => all || a.Kind == AssemblyKind.App || (a.Kind == AssemblyKind.Framework && pattern.NamesFramework && pattern.MayMatchFrameworkAssembly(a.Name))).ToList();
        using var modules = new Modules();
        var found = MethodCatalog.Find(chosen, pattern, modules);
        Timing.Mark("methods matched");
        var methods = all ? found : found.Where(m => m.SourceForm is null || m.Source.First is not null).ToList();
        if (methods.Count == 0)
        {
            methods = found; // only helpers match: show them rather than nothing
        }

        var suggestions = found.Count == 0 && pattern.Core.Length > 0
            ? Discovery.Suggestions.Closest(pattern.Core, KnownNames(chosen, pattern, modules))
            : [];
        return new MethodListing(methods, found.Count - methods.Count, suggestions, modules.Skipped);
    }

    /// <summary>
    /// Type names and <c>Type.Method</c> names the user wrote (no generated code), the methods only of types close to
    /// the pattern's type part when it has one; or, for a file pattern, source file names.
    /// </summary>
    private static IEnumerable<string> KnownNames(IEnumerable<AssemblyFile> assemblies, MethodPattern pattern, Modules modules)
    {
        var dot = pattern.Core.LastIndexOf('.');
        var typePart = dot > 0 ? pattern.Core[..dot] : null;
        foreach (var assembly in assemblies)
        {
            if (modules.Open(assembly, symbols: pattern.IsFile) is not { } module)
            {
                continue;
            }

            foreach (var type in module.GetTypes().Where(t => !SourceForms.IsGeneratedType(t)))
            {
                var typeName = MethodTargets.TypeText(type);
                if (pattern.IsFile)
                {
                    foreach (var method in type.Methods)
                    {
                        if (SourceLines.Of(method).Document is { } document)
                        {
                            yield return Path.GetFileName(document);
                        }
                    }

                    continue;
                }

                yield return typeName;
                if (typePart is null || Discovery.Suggestions.IsClose(typePart, typeName))
                {
                    foreach (var (_, name) in MethodCatalog.MethodNames(module, type).Where(m => !m.Name.StartsWith('<')))
                    {
                        yield return $"{typeName}.{name}";
                    }
                }
            }
        }
    }
}
