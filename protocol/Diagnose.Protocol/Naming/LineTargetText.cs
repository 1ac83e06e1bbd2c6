namespace Diagnose.Protocol.Naming;

/// <summary>
/// How line probe targets name source files and lines, shared by the agent (which resolves them against the loaded
/// modules' PDBs) and the <c>diagnose</c> command (which checks them against the PDBs on disk).
/// </summary>
internal static class LineTargetText
{
    private static readonly string[] s_sourceExtensions = [".cs", ".fs", ".vb", ".razor", ".cshtml"];

    /// <summary>The prefix of an exceptions probe's target: <c>exceptions</c> alone, or <c>exceptions:PATTERN</c>.</summary>
    public const string ExceptionsPrefix = "exceptions";

    /// <summary>Whether a target is an exceptions probe's.</summary>
    public static bool IsExceptions(string target) =>
        target == ExceptionsPrefix || target.StartsWith(ExceptionsPrefix + ":", StringComparison.Ordinal);

    /// <summary>
    /// A line probe's target split at its last <c>:</c>: the part before (a file when <see cref="IsFile"/>, else a method)
    /// and the line; the line is null when what follows the colon is not a line number (or there is no colon).
    /// </summary>
    public static (string Before, int? Line) Split(string target)
    {
        var colon = target.LastIndexOf(':');
        return colon >= 0 && int.TryParse(target[(colon + 1)..].Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var line) && line > 0
            ? (target[..colon].Trim(), line)
            : (target, null);
    }

    /// <summary>Whether the part of a target before <c>:LINE</c> is a source file (a path, or a source file's extension).</summary>
    public static bool IsFile(string text) =>
        text.Contains('/') || text.Contains('\\') || s_sourceExtensions.Any(e => text.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether a PDB document path ends with <paramref name="file"/> on a path-segment boundary, case ignored.</summary>
    public static bool EndsWithPath(string document, string file)
    {
        var path = document.Replace('\\', '/');
        var suffix = file.Replace('\\', '/').TrimStart('/');
        return path.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
            && (path.Length == suffix.Length || path[path.Length - suffix.Length - 1] == '/');
    }

    /// <summary>"nearest: 40, 42": the closest lines with code before and after <paramref name="line"/>.</summary>
    public static string Nearest(int line, SortedSet<int> lines)
    {
        var nearest = lines.GetViewBetween(int.MinValue, line - 1).Reverse().Take(1).Concat(lines.GetViewBetween(line + 1, int.MaxValue).Take(1)).ToList();
        return nearest.Count == 0 ? "it has no lines with code" : $"nearest: {string.Join(", ", nearest)}";
    }
}
