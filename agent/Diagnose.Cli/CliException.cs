namespace Diagnose.Cli;

/// <summary>A failure to report to the user with its exit code; never shown with a stack trace.</summary>
internal sealed class CliException : Exception
{
    public CliException(int exitCode, string message)
        : base(message)
    {
        ExitCode = exitCode;
    }

    public int ExitCode { get; }
}
