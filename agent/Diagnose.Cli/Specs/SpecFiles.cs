using Diagnose.Protocol.Specs;

namespace Diagnose.Cli.Specs;

/// <summary>
/// Reads specs the way a process does from its specs path: one JSON file, or every visible <c>*.json</c> in a
/// directory in name order (but <c>redaction.json</c>), an id in two files taken from the first. Problems of the documents themselves (not
/// JSON, not an object: <c>errors</c>; a repeated id: <c>warnings</c>) are listed; bad single specs stay in the set
/// with their error.
/// </summary>
internal static class SpecFiles
{
    /// <summary>The spec files of a specs path: the file, or the directory's visible <c>*.json</c> but its side files, in name order.</summary>
    /// <exception cref="CliException">Exit code 2: the path is neither a file nor a directory.</exception>
    public static string[] Of(string path) =>
        Directory.Exists(path) ? Directory.GetFiles(path, "*.json").Where(f => !Path.GetFileName(f).StartsWith('.') && !SideFiles.Is(f)).Order(StringComparer.Ordinal).ToArray()
        : File.Exists(path) ? [path]
        : throw new CliException(ExitCodes.UsageError, $"{path} is neither a file nor a directory; give a JSON spec file or a directory of them");

    /// <exception cref="CliException">Exit code 2: the path is neither a file nor a directory.</exception>
    public static SpecSet Read(string path, out IReadOnlyList<string> errors, out IReadOnlyList<string> warnings)
    {
        var files = Of(path);
        var specs = new List<Spec>();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var unreadable = new List<string>();
        var doubtful = new List<string>();
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            SpecSet set;
            try
            {
                set = SpecSet.Parse(File.ReadAllBytes(file), name);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                unreadable.Add($"cannot read {name}: {e.Message}");
                continue;
            }

            // A document with errors and no specs could not be read at all; otherwise its errors are repeated ids.
            (set.Count == 0 ? unreadable : doubtful).AddRange(set.DocumentErrors);
            foreach (var spec in set)
            {
                if (ids.TryGetValue(spec.Id, out var first))
                {
                    doubtful.Add($"spec '{spec.Id}' is in {first} and in {name}; the one in {first} is used");
                    continue;
                }

                ids[spec.Id] = name;
                specs.Add(spec);
            }
        }

        errors = unreadable;
        warnings = doubtful;
        return new SpecSet(specs, []);
    }
}
