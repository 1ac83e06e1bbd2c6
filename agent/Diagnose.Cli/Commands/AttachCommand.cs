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
        var key = KeyArgument.Option("With --specs: run only specs signed with the key in this file (diagnose sign); the process reads the file, so it must be able to");
        var command = new Command("attach", "Load Diagnose into a running .NET process, nothing to change in the app. Prints each spec's outcome with --specs.\n\nExamples:\n  diagnose attach 4242 --specs probes.json\n  diagnose attach 4242 --specs probes.json --key /etc/diagnose/key")
        {
            pid,
            specs,
            key,
        };
        command.SetAction(result =>
        {
            var keyFile = KeyArgument.Resolve(result.GetValue(key));
            if (keyFile is not null && result.GetValue(specs) is null)
            {
                throw new CliException(ExitCodes.UsageError, "--key checks the specs of --specs: give both");
            }

            return Attach(result.GetValue(pid), SpecsArgument.Resolve(result.GetValue(specs)), Console.Out, keyFile);
        });
        return command;
    }

    public static int Attach(int pid, string? specs, TextWriter output, string? keyFile = null)
    {
        var layout = InstallLayout.Find();
        var process = TargetProcess.Find(pid);
        var (hello, loaded) = AgentLoader.Load(process, layout, specs, keyFile);
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

        var answer = new AgentConnection(pid).Send(ChannelCommand.UsePath(specs, keyFile));
        var exit = ResultPrinter.Print(answer.Specs, output);
        return errors.Count > 0 ? ExitCodes.SpecError : exit;
    }
}
