using System.CommandLine;
using Diagnose.Protocol.Specs;

namespace Diagnose.Cli;

/// <summary>The <c>--key FILE</c> option of the commands that sign or check specs, and reading its file.</summary>
internal static class KeyArgument
{
    public static Option<string?> Option(string description) => new("--key") { Description = description };

    /// <summary>The key file made absolute, after checking that it holds a usable key (never shown).</summary>
    /// <exception cref="CliException">Exit code 2: the file is missing, unreadable, not base64 or too short.</exception>
    public static string? Resolve(string? value) => value is null ? null : Read(value).File;

    /// <exception cref="CliException">Exit code 2: the file is missing, unreadable, not base64 or too short.</exception>
    public static SpecKey Read(string value)
    {
        try
        {
            return SpecKey.Read(Path.GetFullPath(value));
        }
        catch (InvalidDataException e)
        {
            throw new CliException(ExitCodes.UsageError, $"--key: {e.Message}");
        }
    }
}
