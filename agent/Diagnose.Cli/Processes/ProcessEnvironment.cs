namespace Diagnose.Cli.Processes;

/// <summary>
/// The environment a process started with, from <c>/proc/pid/environ</c> (readable by its owner and root only). What
/// the process set later with setenv is not in it.
/// </summary>
internal static class ProcessEnvironment
{
    /// <summary>Its variables by name (the first of a repeated name wins), or null when this user may not read them.</summary>
    public static IReadOnlyDictionary<string, string>? Read(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/environ");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in text.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = entry.IndexOf('=');
            if (equals > 0)
            {
                variables.TryAdd(entry[..equals], entry[(equals + 1)..]);
            }
        }

        return variables;
    }
}
