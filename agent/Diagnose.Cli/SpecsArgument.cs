namespace Diagnose.Cli;

/// <summary>Checks a --specs value: an existing JSON file or directory, made absolute (the target resolves it, not us).</summary>
internal static class SpecsArgument
{
    /// <exception cref="CliException">It does not exist.</exception>
    public static string? Resolve(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var full = Path.GetFullPath(value);
        if (!File.Exists(full) && !Directory.Exists(full))
        {
            throw new CliException(ExitCodes.UsageError, $"--specs: {value} is neither a file nor a directory; give a JSON spec file or a directory of them");
        }

        return full;
    }
}
