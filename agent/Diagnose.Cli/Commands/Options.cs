using System.CommandLine;
using Diagnose.Cli.Channel;

namespace Diagnose.Cli.Commands;

/// <summary>Arguments and options several commands share.</summary>
internal static class Options
{
    public static Argument<int> Pid() => new("pid") { Description = "The process id of a .NET process where Diagnose is loaded (diagnose ps lists them)" };

    public static Option<double?> Timeout() => new("--timeout")
    {
        Description = $"Seconds to wait for the process's answer (default {AgentConnection.DefaultTimeout.TotalSeconds:0})",
    };

    public static TimeSpan TimeoutOf(ParseResult result, Option<double?> option) =>
        result.GetValue(option) is { } seconds && seconds > 0 ? TimeSpan.FromSeconds(seconds) : AgentConnection.DefaultTimeout;
}
