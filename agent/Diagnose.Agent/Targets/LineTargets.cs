using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using Diagnose.Symbols;

namespace Diagnose.Targets;

/// <summary>
/// The methods a line probe's target names: those whose code has a visible sequence point starting on the line, in
/// the method named (<c>Ns.Type.Method:44</c>; an async method's or iterator's state machine holds its code) or in
/// every loaded module whose portable PDB has a document ending with the path given (<c>Program.cs:44</c>, matched
/// on whole path segments, case-insensitively). A line without code is an error naming the nearest lines with code;
/// a file that no loaded module has is pending until one loads.
/// </summary>
internal static class LineTargets
{
    /// <summary>The methods of <paramref name="methods"/> (a method target's overloads) with code on the target's line.</summary>
    /// <exception cref="DiagnoseException">None has code there (the nearest lines are named), or none has symbols.</exception>
    public static IReadOnlyList<MethodBase> InMethods(TargetName target, IReadOnlyList<MethodBase> methods)
    {
        var line = target.Line!.Value;
        var found = new List<MethodBase>();
        var lines = new SortedSet<int>();
        string? missing = null;
        foreach (var method in methods)
        {
            var symbols = MethodSymbols.For(method);
            var code = symbols.StateMachineMoveNext is { } moveNext ? MethodSymbols.For(moveNext) : symbols;
            if (!code.HasSymbols)
            {
                missing ??= code.MissingReason;
                continue;
            }

            var visible = code.SequencePoints.Where(p => !p.IsHidden).ToList();
            lines.UnionWith(visible.Select(p => p.StartLine));
            if (visible.Any(p => p.StartLine == line))
            {
                found.Add(code.Method);
            }
        }

        if (found.Count > 0)
        {
            return found;
        }

        if (lines.Count == 0)
        {
            throw new DiagnoseException($"cannot probe a line of '{target.TypeName}.{target.Member}': it has no line information ({missing ?? "no sequence points"}); put the portable PDB beside the assembly");
        }

        throw new DiagnoseException($"line {line} has no code in '{target.TypeName}.{target.Member}'; {Protocol.Naming.LineTargetText.Nearest(line, lines)}");
    }

    /// <summary>The methods with code on a file target's line, among the loaded modules' PDB documents.</summary>
    /// <exception cref="DiagnoseException">The file is there but the line has no code (the nearest lines are named).</exception>
    public static TargetResolution InFile(TargetName target, IEnumerable<Assembly> assemblies)
    {
        var line = target.Line!.Value;
        var found = new List<MethodBase>();
        var documents = new SortedSet<string>(StringComparer.Ordinal);
        var lines = new SortedSet<int>();
        foreach (var assembly in assemblies.Where(a => !a.IsDynamic && a != typeof(LineTargets).Assembly))
        {
            foreach (var module in assembly.GetLoadedModules())
            {
                Search(ModuleSymbols.For(module), target.File!, line, found, documents, lines);
            }
        }

        if (documents.Count == 0)
        {
            return TargetResolution.Pending($"no loaded assembly has a source file '{target.File}' in its symbols (portable PDB); waiting for one to load");
        }

        if (found.Count == 0)
        {
            throw new DiagnoseException($"line {line} of {string.Join(", ", documents.Select(Path.GetFileName))} has no code; {Protocol.Naming.LineTargetText.Nearest(line, lines)}");
        }

        return TargetResolution.Found(found);
    }

    private static void Search(ModuleSymbols symbols, string file, int line, List<MethodBase> found, SortedSet<string> documents, SortedSet<int> lines)
    {
        if (symbols.Pdb?.Reader is not { } reader)
        {
            return;
        }

        var matching = new HashSet<DocumentHandle>();
        foreach (var handle in reader.Documents)
        {
            var name = symbols.DocumentName(handle);
            if (Protocol.Naming.LineTargetText.EndsWithPath(name, file))
            {
                matching.Add(handle);
                documents.Add(name);
            }
        }

        if (matching.Count == 0)
        {
            return;
        }

        foreach (var handle in reader.MethodDebugInformation)
        {
            var information = reader.GetMethodDebugInformation(handle);
            if (information.SequencePointsBlob.IsNil)
            {
                continue;
            }

            var here = false;
            foreach (var point in information.GetSequencePoints())
            {
                if (point.IsHidden || !matching.Contains(point.Document))
                {
                    continue;
                }

                lines.Add(point.StartLine);
                here |= point.StartLine == line;
            }

            if (here && Resolve(symbols.Module, 0x06000000 | MetadataTokens.GetRowNumber(handle)) is { } method)
            {
                found.Add(method);
            }
        }
    }

    private static MethodBase? Resolve(Module module, int token)
    {
        try
        {
            return module.ResolveMethod(token);
        }
        catch (Exception e) when (e is ArgumentException or BadImageFormatException or TypeLoadException)
        {
            return null;
        }
    }
}
