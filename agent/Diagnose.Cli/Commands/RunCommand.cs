using System.CommandLine;
using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Diagnose.Cli.Processes;

namespace Diagnose.Cli.Commands;

/// <summary><c>diagnose run -- command…</c>: starts a .NET program with the profiler and the agent loaded.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var specs = new Option<string?>("--specs") { Description = "A JSON spec file or a directory of them, applied at start and watched" };
        var commandLine = new Argument<string[]>("command") { Description = "The program and its arguments (after --)", Arity = ArgumentArity.OneOrMore };
        var key = KeyArgument.Option("Run only specs signed with the key in this file (diagnose sign); the program reads the file (DIAGNOSE_KEY_FILE)");
        var command = new Command("run", "Start a .NET program with Diagnose loaded; exits with the program's exit code.\n\nExample:\n  diagnose run --specs probes.json -- dotnet MyService.dll --port 8080")
        {
            specs,
            key,
            commandLine,
        };
        command.SetAction(result => Run(result.GetValue(commandLine)!, SpecsArgument.Resolve(result.GetValue(specs)), KeyArgument.Resolve(result.GetValue(key))));
        return command;
    }

    private static int Run(string[] commandLine, string? specs, string? keyFile)
    {
        var layout = InstallLayout.Find();
        var start = new ProcessStartInfo(commandLine[0]) { UseShellExecute = false };
        foreach (var argument in commandLine.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in layout.LaunchVariables(specs, Environment.GetEnvironmentVariable("DOTNET_STARTUP_HOOKS"), keyFile, AgentCopy.ForLaunch(commandLine, layout.AgentPath, Environment.GetEnvironmentVariable("PATH"))))
        {
            start.Environment[name] = value;
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new CliException(ExitCodes.UsageError, $"cannot start '{commandLine[0]}'; give its full path or check that it is on PATH");
        }
        catch (Win32Exception e)
        {
            throw new CliException(ExitCodes.UsageError, $"cannot start '{commandLine[0]}': {e.Message}; give its full path or check that it is on PATH");
        }

        using (process)
        using (Forward(PosixSignal.SIGTERM, process))
        using (Forward(PosixSignal.SIGINT, process))
        {
            process.WaitForExit();
            return process.ExitCode;
        }
    }

    /// <summary>Passes a signal on to the child (the terminal already sends Ctrl-C to the whole group; we just outlive it).</summary>
    private static PosixSignalRegistration Forward(PosixSignal signal, Process child) =>
        PosixSignalRegistration.Create(signal, context =>
        {
            context.Cancel = true;
            if (signal == PosixSignal.SIGTERM && !child.HasExited)
            {
                _ = Kill(child.Id, 15);
            }
        });

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
