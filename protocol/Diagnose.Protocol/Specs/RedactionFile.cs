namespace Diagnose.Protocol.Specs;

/// <summary>
/// <c>redaction.json</c>, the names and types a process redacts besides the built-in ones, kept beside its specs: in
/// the specs directory, or in the directory of the specs file. It holds no specs, so spec readers skip it.
/// </summary>
internal static class RedactionFile
{
    public const string Name = "redaction.json";

    /// <summary>True for a path whose file name is <c>redaction.json</c> (any case).</summary>
    public static bool Is(string path) => string.Equals(Path.GetFileName(path), Name, StringComparison.OrdinalIgnoreCase);

    /// <summary>Where the redaction file of a specs path (a directory or a file) is.</summary>
    public static string Beside(string specsPath) => SideFiles.Beside(specsPath, Name);
}
