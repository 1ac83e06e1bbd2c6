namespace Diagnose.Cli.Processes;

/// <summary>A .NET process found by its diagnostics socket.</summary>
/// <param name="Pid">Its id.</param>
/// <param name="Name">Its name (<c>/proc/pid/comm</c>).</param>
/// <param name="CommandLine">Its command line, arguments separated by spaces.</param>
/// <param name="Diagnose">Whether Diagnose is in it: agent, profiler (only), none, or unknown (this user may not reach it).</param>
internal sealed record DotnetProcess(int Pid, string Name, string CommandLine, DiagnoseState Diagnose)
{
    /// <summary>The user it belongs to, when this user may not reach it (<see cref="DiagnoseState.Unknown"/>).</summary>
    public string? Owner { get; init; }
}

/// <summary>How far Diagnose is loaded into a process.</summary>
internal enum DiagnoseState
{
    None = 0,
    Profiler = 1,
    Agent = 2,
    /// <summary>This user may not use its diagnostics socket or read its memory map (another user's process).</summary>
    Unknown = 3,
}
