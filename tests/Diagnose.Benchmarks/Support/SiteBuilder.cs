using System.Collections.Concurrent;
using System.Reflection;
using Diagnose.Rewriting;
using Diagnose.Sites;
using Diagnose.Symbols;

namespace Diagnose.Benchmarks.Support;

/// <summary>
/// Fresh site layouts of a method, built as the engine builds them, for compiling sites without probing. The
/// method's shape, parameter names and symbols are read once per method (the engine also reads them once, when it
/// first tracks the method); each layout is new, as for every build. The one place that follows the engine's
/// internal construction.
/// </summary>
internal static class SiteLayouts
{
    private static readonly ConcurrentDictionary<MethodInfo, (MethodShape Shape, List<string> Names, MethodSymbols Symbols)> s_methods = new();

    public static SiteLayout Of(MethodInfo method)
    {
        var (shape, names, symbols) = s_methods.GetOrAdd(method, Read);
        return new SiteLayout(shape, names, symbols);
    }

    private static (MethodShape, List<string>, MethodSymbols) Read(MethodInfo method)
    {
        var localToken = method.GetMethodBody()!.LocalSignatureMetadataToken;
        var locals = localToken == 0 ? null : method.Module.ResolveSignature(localToken);
        var shape = MethodShape.Create(method, method.Module.ResolveSignature(method.MetadataToken), locals);
        var names = method.GetParameters().Select((p, i) => p.Name ?? $"arg{i}").ToList();
        return (shape, names, MethodSymbols.For(method));
    }
}
