namespace Diagnose.Cli;

/// <summary>The exit codes SPEC.md fixes for every command.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>A spec or target error (reported).</summary>
    public const int SpecError = 1;

    public const int UsageError = 2;

    /// <summary>The process was not found or cannot be reached.</summary>
    public const int Unreachable = 3;

    /// <summary>The process belongs to another user, whose diagnostics socket or /proc entries this user may not use.</summary>
    public const int PermissionDenied = 4;
}
