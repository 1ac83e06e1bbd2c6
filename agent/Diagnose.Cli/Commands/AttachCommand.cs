using System.CommandLine;
using System.Text;
using Diagnose.Cli.Processes;
using Microsoft.Diagnostics.NETCore.Client;

namespace Diagnose.Cli.Commands;

/// <summary><c>diagnose attach pid</c>: loads the profiler and the agent into a running .NET 8+ process.</summary>
internal static class AttachCommand
{
    public static Command Create()
    {
        var pid = new Argument<int>("pid") { Description = "The process id of a running .NET 8+ process" };
        var specs = new Option<string?>("--specs") { Description = "A JSON spec file or a directory of them, applied now and watched" };
        var command = new Command("attach", "Load Diagnose into a running .NET process, nothing to change in the app.\n\nExample:\n  diagnose attach 4242 --specs probes.json")
        {
            pid,
            specs,
        };
        command.SetAction(result => Attach(result.GetValue(pid), SpecsArgument.Resolve(result.GetValue(specs)), Console.Out));
        return command;
    }

    public static int Attach(int pid, string? specs, TextWriter output)
    {
        var layout = InstallLayout.Find();
        var process = TargetProcess.Find(pid);
        var client = process.Client();
        if (!process.HasLoaded(TargetProcess.ProfilerFileName))
        {
            var clientData = specs is null ? [] : Encoding.UTF8.GetBytes($"DIAGNOSE_SPECS={specs}\n");
            try
            {
                client.AttachProfiler(TimeSpan.FromSeconds(10), Guid.Parse(InstallLayout.ProfilerClsid), layout.ProfilerPath, clientData);
            }
            catch (ProfilerAlreadyActiveException)
            {
                throw new CliException(ExitCodes.Unreachable, $"process {pid} already has another profiler loaded; Diagnose cannot attach next to it");
            }
            catch (ServerErrorException e)
            {
                throw new CliException(ExitCodes.Unreachable, $"process {pid} refused the profiler: {e.Message}");
            }
        }
        else if (specs is not null)
        {
            throw new CliException(ExitCodes.UsageError, $"Diagnose is already loaded in process {pid}; send specs with 'diagnose apply {pid} {specs}'");
        }

        if (!process.HasLoaded(TargetProcess.AgentFileName))
        {
            try
            {
                client.ApplyStartupHook(layout.AgentPath);
            }
            catch (UnsupportedCommandException)
            {
                throw new CliException(ExitCodes.Unreachable, $"process {pid} runs a .NET older than 8, which cannot load the agent after start");
            }
            catch (ServerErrorException e)
            {
                throw new CliException(ExitCodes.Unreachable, $"process {pid} refused the agent: {e.Message}");
            }
        }

        output.WriteLine($"attached to process {pid}");
        if (specs is not null && !AppliedReport.WaitAndPrint(specs, pid, TimeSpan.FromSeconds(15), output))
        {
            return ExitCodes.SpecError;
        }

        return ExitCodes.Success;
    }
}
