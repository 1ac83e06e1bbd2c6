using System.Collections.Concurrent;
using System.Reflection;
using Diagnose.Rewriting;
using Diagnose.Sites;
using Diagnose.Symbols;

namespace Diagnose.Benchmarks.Support;

/// <summary>
/// Compiles the handler of one site of a method as the engine does, without probing it: a new layout of the method
/// (its shape, parameter names and symbols are read once per method, as the engine reads them when it first tracks
/// the method), then SiteCompiler. The one place that follows the engine's internal construction.
/// </summary>
internal static class SiteBuilder
{
    private static readonly ConcurrentDictionary<MethodInfo, (MethodShape Shape, List<string> Names, MethodSymbols Symbols)> s_methods = new();

    /// <summary>The handler for the instrument at its event point of <paramref name="method"/>; throws when it does not compile.</summary>
    public static Delegate Compile(MethodInfo method, Instrument instrument)
    {
        var (shape, names, symbols) = s_methods.GetOrAdd(method, Read);
        var errors = new Dictionary<Instrument, string>();
        var site = SiteCompiler.Compile(new SiteLayout(shape, names, symbols), [instrument], errors)
            ?? throw new InvalidOperationException($"'{instrument.Value}' does not compile for {method.Name}: {string.Join("; ", errors.Values)}");
        // A site on the fast path has an emitted hook instead of a handler: its delegate takes the site id first.
        return site.Handler ?? site.Emitted!.EntryPoint.CreateDelegate(
            System.Linq.Expressions.Expression.GetActionType([typeof(int), .. site.Captures.Select(c => c.HookType)]));
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
