using System.CommandLine;
using Diagnose.Cli.Channel;
using Diagnose.Cli.Rendering;
using Diagnose.Cli.Specs;
using Diagnose.Protocol.Channel;
using Diagnose.Protocol.Specs;

namespace Diagnose.Cli.Commands;

/// <summary><c>diagnose apply pid specs.json</c>: makes a spec file the set of specs a process has from diagnose.</summary>
internal static class ApplyCommand
{
    public static Command Create()
    {
        var pid = Options.Pid();
        var specs = new Argument<string>("specs") { Description = "A JSON spec file, or a directory of them" };
        var merge = new Option<bool>("--merge") { Description = "Only add and update: keep the process's other specs from diagnose" };
        var timeout = Options.Timeout();
        var key = KeyArgument.Option("Send only specs signed with the key in this file (diagnose sign); the others are reported and not sent");
        var command = new Command("apply", "Send specs to a process: they become its whole set of specs from diagnose (the last apply wins; probes added before and missing from the file are removed, unless --merge). Prints each spec's outcome.\n\nExample:\n  diagnose apply 4242 probes.json")
        {
            pid, specs, merge, timeout, key,
        };
        command.SetAction(result =>
        {
            var trust = result.GetValue(key) is { } keyFile ? KeyArgument.Read(keyFile) : null;
            var set = SpecFiles.Read(Path.GetFullPath(result.GetValue(specs)!), out var errors, out var warnings);
            foreach (var problem in errors.Concat(warnings))
            {
                Console.Error.WriteLine($"diagnose: {problem}");
            }

            if (errors.Count > 0)
            {
                return ExitCodes.SpecError; // never replace a process's probes with what a broken file happens to leave
            }

            var refused = trust is null ? [] : set.Where(spec => SpecSignature.Refusal(trust, spec) is { } refusal && Report(refusal)).ToList();
            set = new SpecSet(set.Where(spec => !refused.Contains(spec)));
            var command = result.GetValue(merge) ? ChannelCommand.Set(set) : ChannelCommand.Replace(set);
            var answer = AgentConnection.To(result.GetValue(pid)).Send(command, Options.TimeoutOf(result, timeout));
            var exit = ResultPrinter.Print(answer.Specs, Console.Out);
            return refused.Count > 0 ? ExitCodes.SpecError : exit;
        });
        return command;
    }

    /// <summary>Says why a spec is not sent; true, to keep it among the refused.</summary>
    private static bool Report(string refusal)
    {
        Console.Error.WriteLine($"diagnose: {refusal}; not sent");
        return true;
    }
}
