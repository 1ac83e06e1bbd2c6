using System.CommandLine;
using Diagnose.Cli.Channel;
using Diagnose.Cli.Processes;
using Diagnose.Cli.Rendering;
using Diagnose.Cli.Specs;
using Diagnose.Protocol.Channel;

namespace Diagnose.Cli.Commands;

/// <summary>
/// <c>diagnose attach pid</c>: loads the profiler and the agent into a running .NET 8+ process; with <c>--specs</c>
/// the file or directory becomes the process's specs path (also when Diagnose was loaded already).
/// </summary>
internal static class AttachCommand
{
    public static Command Create()
    {
        var pid = new Argument<int>("pid") { Description = "The process id of a running .NET 8+ process" };
        var specs = new Option<string?>("--specs") { Description = "A JSON spec file or a directory of them, applied now and watched (applied entries are written back into it)" };
        var command = new Command("attach", "Load Diagnose into a running .NET process, nothing to change in the app. Prints each spec's outcome with --specs.\n\nExample:\n  diagnose attach 4242 --specs probes.json")
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
        var (hello, loaded) = AgentLoader.Load(process, layout, specs);
        output.WriteLine(loaded
            ? $"attached to process {pid}"
            : $"attached to process {pid} (Diagnose was loaded already, agent protocol {hello.Agent?.Protocol})");
        if (specs is null)
        {
            return ExitCodes.Success;
        }

        SpecFiles.Read(specs, out var errors, out var warnings);
        foreach (var problem in errors.Concat(warnings))
        {
            Console.Error.WriteLine($"diagnose: {problem}");
        }

        var answer = new AgentConnection(pid).Send(ChannelCommand.UsePath(specs));
        var exit = ResultPrinter.Print(answer.Specs, output);
        return errors.Count > 0 ? ExitCodes.SpecError : exit;
    }
}
