using System.CommandLine;
using Diagnose.Cli.Processes;
using Diagnose.Cli.Rendering;

namespace Diagnose.Cli.Commands;

/// <summary><c>diagnose ps</c>: the .NET processes this user can reach, and whether Diagnose is loaded in each.</summary>
internal static class PsCommand
{
    public static Command Create()
    {
        var command = new Command("ps", "List the .NET processes you can reach and whether Diagnose is loaded in them (agent: ready for probes; profiler: only half loaded, run attach; no access: another user's process, run diagnose as that user).\n\nExample:\n  diagnose ps");
        command.SetAction(_ =>
        {
            var table = new TextTable("PID", "DIAGNOSE", "NAME", "COMMAND");
            foreach (var process in ProcessScanner.Scan())
            {
                var state = process.Diagnose switch
                {
                    DiagnoseState.Agent => "agent",
                    DiagnoseState.Profiler => "profiler",
                    DiagnoseState.Unknown => $"no access (user {process.Owner})",
                    _ => "-",
                };
                table.Add(process.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture), state, process.Name, process.CommandLine);
            }

            table.WriteTo(Console.Out);
            return ExitCodes.Success;
        });
        return command;
    }
}
