using Diagnose.Cli.Discovery;
using dnlib.DotNet;

namespace Diagnose.Cli.Live;

/// <summary>
/// The method <c>hotspots</c> times, found in the process's assemblies on disk (as <c>methods</c> finds it): the target
/// that names it alone, its source file from the PDB, and the lines from its first sequence point to its last with
/// their text when the file can be read (as this process sees it, or through <c>/proc/PID/root</c> from another
/// container).
/// </summary>
internal sealed record MethodSource(string Target, string Signature, string Document, IReadOnlyList<int> CodeLines, int From, IReadOnlyList<string>? Text)
{
    /// <summary>The first line of code.</summary>
    public int First => CodeLines[0];

    /// <summary>The last line of code.</summary>
    public int Last => CodeLines[^1];

    /// <summary>The last line shown: the last of code, or the closing brace after it.</summary>
    public int To => From + (Text?.Count ?? Last - From + 1) - 1;

    /// <summary>The text of a shown line, or null (not shown, or the file was not found).</summary>
    public string? Line(int line) => Text is { } text && line >= From && line - From < text.Count ? text[line - From] : null;

    /// <exception cref="CliException">Exit code 2: not a method target; 1: it names no method, several, or one without lines; 3: no such process.</exception>
    public static MethodSource Find(int pid, string target)
    {
        if (Protocol.Naming.LineTargetText.IsExceptions(target) || LineTargets.Split(target).Line is not null)
        {
            throw new CliException(ExitCodes.UsageError, $"hotspots times a whole method: give its name (Ns.Type.Method, or Ns.Type.Method(int) for one overload), not '{target}'");
        }

        using var targets = ProcessTargets.Of(pid);
        var methods = targets.Lookup.Resolve(target, out var problem);
        if (problem is not null || methods.Count == 0)
        {
            var type = TargetText.Parse(target, out _)?.TypeName ?? "PATTERN";
            throw new CliException(ExitCodes.SpecError, $"{problem ?? $"'{target}' names no method that can be probed"}\n'diagnose methods {pid} {type}' lists the methods that can be probed");
        }

        if (methods.Count > 1)
        {
            var names = string.Join(", ", methods.Select(MethodTargets.Of));
            throw new CliException(ExitCodes.SpecError, $"'{target}' names {methods.Count} methods: {names}; hotspots times one: give it with its parameter types, e.g. {MethodTargets.Of(methods[0])}");
        }

        var method = methods[0];
        var exact = MethodTargets.Of(method);
        var source = SourceLines.Of(method);
        if (source.Document is not { } document || source.Lines.Count == 0)
        {
            var file = (method.Module as ModuleDefMD)?.Location is { Length: > 0 } location ? Path.GetFileName(location) : method.Module.Name.String;
            throw new CliException(ExitCodes.SpecError, $"'{exact}' has no source lines: {file} has no portable PDB (beside it or embedded) for this method, and hotspots times lines; deploy the .pdb beside the .dll (DebugType portable, the default, or embedded)");
        }

        var (from, text) = Shown(Read(pid, document), source.Lines[0], source.Lines[^1]);
        return new MethodSource(exact, MethodTargets.Signature(method), document, source.Lines, from, text);
    }

    /// <summary>
    /// The lines of code, with the method's braces and declaration around them when the file shows them there (an
    /// optimised build has no sequence point on the opening brace); the first line shown and the texts.
    /// </summary>
    private static (int From, IReadOnlyList<string>? Text) Shown(string[]? file, int first, int last)
    {
        if (file is null || last > file.Length)
        {
            return (first, null);
        }

        // A block body: the closing brace ends the shown lines (it has code in a Debug build), the opening one and
        // the declaration above it begin them. An expression body is its one line.
        var to = last < file.Length && file[last].Trim() == "}" ? last + 1 : last;
        var from = first;
        if (file[to - 1].Trim() == "}")
        {
            if (from > 1 && file[from - 2].Trim() == "{")
            {
                from--;
            }

            if (from > 1 && file[from - 1].Trim() == "{" && file[from - 2].Trim().Length > 0)
            {
                from--;
            }
        }

        return (from, file[(from - 1)..to]);
    }

    private static string[]? Read(int pid, string document)
    {
        foreach (var path in new[] { document, $"/proc/{pid}/root{document}" })
        {
            try
            {
                if (File.Exists(path))
                {
                    return File.ReadAllLines(path);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Not readable from here: try the next place, then show the lines without their text.
            }
        }

        return null;
    }
}
