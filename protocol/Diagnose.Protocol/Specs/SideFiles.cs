namespace Diagnose.Protocol.Specs;

/// <summary>
/// The files kept beside the specs that hold no specs, so spec readers skip them: <c>redaction.json</c> (see
/// <see cref="RedactionFile"/>) and <c>settings.json</c> (the process's manager tags, <c>{"tags": {"env": "prod"}}</c>).
/// They sit in the specs directory, or in the directory of the specs file.
/// </summary>
internal static class SideFiles
{
    public const string Settings = "settings.json";

    /// <summary>True for a path whose file name is one of them (any case).</summary>
    public static bool Is(string path) =>
        RedactionFile.Is(path) || string.Equals(Path.GetFileName(path), Settings, StringComparison.OrdinalIgnoreCase);

    /// <summary>Where the file <paramref name="name"/> beside a specs path (a directory or a file) is.</summary>
    public static string Beside(string specsPath, string name)
    {
        var full = Path.GetFullPath(specsPath);
        var directory = Directory.Exists(full) ? full : Path.GetDirectoryName(full) ?? full;
        return Path.Combine(directory, name);
    }
}
