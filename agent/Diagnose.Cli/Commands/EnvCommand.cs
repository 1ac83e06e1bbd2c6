using System.CommandLine;

namespace Diagnose.Cli.Commands;

/// <summary><c>diagnose env</c>: the variables that start any .NET process under Diagnose.</summary>
internal static class EnvCommand
{
    public static Command Create()
    {
        var specs = new Option<string?>("--specs") { Description = "A JSON spec file or a directory of them, applied at start and watched" };
        var format = new Option<string>("--format") { Description = "env (NAME=value), docker (ENV lines) or systemd (Environment= lines)", DefaultValueFactory = _ => "env" };
        format.AcceptOnlyFromAmong("env", "docker", "systemd");
        var command = new Command("env", "Print the environment variables that load Diagnose into a .NET process at start.\n\nExample:\n  diagnose env --specs /etc/diagnose/specs --format docker >> Dockerfile")
        {
            specs,
            format,
        };
        command.SetAction(result =>
        {
            var layout = InstallLayout.Find();
            var prefix = result.GetValue(format) switch
            {
                "docker" => "ENV ",
                "systemd" => "Environment=",
                _ => string.Empty,
            };
            foreach (var (name, value) in layout.LaunchVariables(SpecsArgument.Resolve(result.GetValue(specs)), existingStartupHooks: null))
            {
                Console.Out.WriteLine($"{prefix}{name}={value}");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
