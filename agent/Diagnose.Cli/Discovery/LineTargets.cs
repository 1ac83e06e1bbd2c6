using dnlib.DotNet;

namespace Diagnose.Cli.Discovery;

/// <summary>
/// Line probe targets checked on disk, by the agent's rules (agent/Diagnose.Agent/Targets/LineTargets): <c>File.cs:44</c>
/// (a path suffix matched on whole segments against the PDB documents) and <c>Ns.Type.Method:44</c>; the line must
/// start code in the method (its state machine's, for an async method or iterator).
/// </summary>
internal static class LineTargets
{
    /// <summary>The method part (null for a file target) and the line; the line is null when the target is not a line's.</summary>
    public static (string? Method, int? Line) Split(string target)
    {
        var (before, line) = Protocol.Naming.LineTargetText.Split(target);
        return line is null ? (target, null) : Protocol.Naming.LineTargetText.IsFile(before) ? (null, line) : (before, line);
    }

    /// <summary>The file of a file line target, with '/' separators.</summary>
    public static string File(string target) => Protocol.Naming.LineTargetText.Split(target).Before.Replace('\\', '/');

    /// <summary>The methods among <paramref name="methods"/> with code on the line; none with <paramref name="problem"/> set.</summary>
    public static IReadOnlyList<MethodDef> AtLine(IReadOnlyList<MethodDef> methods, string methodTarget, int line, ref string? problem)
    {
        if (problem is not null)
        {
            return methods;
        }

        var found = methods.Where(m => SourceLines.Of(m).Lines.Contains(line)).ToList();
        if (found.Count > 0)
        {
            return found;
        }

        var name = TargetText.Parse(methodTarget, out _) is { } parsed ? $"{parsed.TypeName}.{parsed.Member}" : methodTarget;
        var lines = new SortedSet<int>(methods.SelectMany(m => SourceLines.Of(m).Lines));
        problem = lines.Count == 0
            ? $"cannot probe a line of '{name}': it has no line information (no sequence points); put the portable PDB beside the assembly"
            : $"line {line} has no code in '{name}'; {Protocol.Naming.LineTargetText.Nearest(line, lines)}";
        return [];
    }

    /// <summary>The methods of <paramref name="modules"/> with code on a file's line; none with <paramref name="problem"/> set.</summary>
    public static IReadOnlyList<MethodDef> InFile(IEnumerable<ModuleDefMD> modules, string file, int line, out string? problem)
    {
        problem = null;
        var found = new List<MethodDef>();
        var lines = new SortedSet<int>();
        var documents = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var method in modules.SelectMany(m => m.GetTypes()).SelectMany(t => t.Methods))
        {
            var source = SourceLines.Of(method);
            if (source.Document is not { } document || !Protocol.Naming.LineTargetText.EndsWithPath(document, file))
            {
                continue;
            }

            documents.Add(Path.GetFileName(document));
            lines.UnionWith(source.Lines);
            if (source.Lines.Contains(line))
            {
                found.Add(method);
            }
        }

        if (documents.Count == 0)
        {
            problem = $"no assembly of the app has a source file '{file}' in its symbols (portable PDB): the probe would stay pending";
        }
        else if (found.Count == 0)
        {
            problem = $"line {line} of {string.Join(", ", documents)} has no code; {Protocol.Naming.LineTargetText.Nearest(line, lines)}";
        }

        return found;
    }
}
