namespace Diagnose.Cli.Processes;

/// <summary>A .NET process found by its diagnostics socket.</summary>
/// <param name="Pid">Its id.</param>
/// <param name="Name">Its name (<c>/proc/pid/comm</c>).</param>
/// <param name="CommandLine">Its command line, arguments separated by spaces.</param>
/// <param name="Diagnose">Whether Diagnose is in it: agent, profiler (only), none, or unknown (its memory map cannot be read).</param>
internal sealed record DotnetProcess(int Pid, string Name, string CommandLine, DiagnoseState Diagnose);

/// <summary>How far Diagnose is loaded into a process.</summary>
internal enum DiagnoseState
{
    None = 0,
    Profiler = 1,
    Agent = 2,
    Unknown = 3,
}
