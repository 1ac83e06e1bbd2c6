using System.CommandLine;
using Diagnose.Cli.Commands;

namespace Diagnose.Cli;

/// <summary>The <c>diagnose</c> command. Exit codes: see <see cref="ExitCodes"/>.</summary>
internal static class Program
{
    /// <summary>Every command, with its help text and an example.</summary>
    public static RootCommand CreateRoot() => new("Diagnose for .NET: probes on methods of running .NET processes, without touching their code.")
    {
        PsCommand.Create(),
        RunCommand.Create(),
        EnvCommand.Create(),
        AttachCommand.Create(),
        ProbeCommand.Create(),
        ApplyCommand.Create(),
        WatchCommand.Create(),
        HotspotsCommand.Create(),
        SidecarCommand.Create(),
        MethodsCommand.Create(),
        CheckCommand.Create(),
        DoctorCommand.Create(),
        SignCommand.Create(),
        TopCommand.Create(),
    };

    private static int Main(string[] args)
    {
        Timing.Mark("main");
        var root = CreateRoot();
        Timing.Mark("commands made");
        var parsed = root.Parse(args);
        Timing.Mark("command line parsed");
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
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"diagnose: {e.Message}");
            return ExitCodes.UsageError; // a path given on the command line cannot be used
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"diagnose: failed: {e.GetType().Name}: {e.Message} (a bug in diagnose: run again with DIAGNOSE_DEBUG=1 for the stack trace and report it)");
            if (Environment.GetEnvironmentVariable("DIAGNOSE_DEBUG") == "1")
            {
                Console.Error.WriteLine(e);
            }

            return ExitCodes.SpecError;
        }
    }
}
