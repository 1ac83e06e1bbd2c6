using System.CommandLine;
using Diagnose.Cli.Commands;

namespace Diagnose.Cli;

/// <summary>The <c>diagnose</c> command. Exit codes: see <see cref="ExitCodes"/>.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        var root = new RootCommand("Diagnose for .NET: probes on methods of running .NET processes, without touching their code.")
        {
            PsCommand.Create(),
            RunCommand.Create(),
            EnvCommand.Create(),
            AttachCommand.Create(),
            ProbeCommand.Create(),
            ApplyCommand.Create(),
            WatchCommand.Create(),
            SidecarCommand.Create(),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                Console.Error.WriteLine($"diagnose: {error.Message}");
            }

            Console.Error.WriteLine("Try 'diagnose --help'.");
            return ExitCodes.UsageError;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (CliException e)
        {
            Console.Error.WriteLine($"diagnose: {e.Message}");
            return e.ExitCode;
        }
    }
}
