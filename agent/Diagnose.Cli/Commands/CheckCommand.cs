using System.CommandLine;
using Diagnose.Cli.Discovery;
using Diagnose.Cli.Specs;

namespace Diagnose.Cli.Commands;

/// <summary>
/// <c>diagnose check specs --app dir|dll</c>: validates specs against the app's assemblies and PDBs on disk, with no
/// process: each target resolves, its event is allowed, and the names its expressions read exist at that event.
/// </summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var specs = new Argument<string>("specs") { Description = "A JSON spec file, or a directory of them" };
        var app = new Option<string>("--app") { Description = "The app's build or publish directory, or one assembly (.dll)", Required = true };
        var globals = new Option<string[]>("--global") { Description = "A name the process registers as a global (in-process Manager.GlobalNamespace); may be repeated", AllowMultipleArgumentsPerToken = true };
        var command = new Command("check", "Check specs offline against an app's assemblies: that each target names a method that can be probed (or the closest names), that its event is allowed, and that the names its expressions use exist at that event. Exit 0 when all are fine, 1 listing each problem with its spec id.\n\nExamples:\n  diagnose check probes.json --app bin/Release/net10.0\n  diagnose check /etc/diagnose --app /app/MyService.dll")
        {
            specs, app, globals,
        };
        command.SetAction(result =>
        {
            var set = SpecFiles.Read(Path.GetFullPath(result.GetValue(specs)!), out var errors, out var warnings);
            using var assemblies = AppAssemblies.Open(result.GetValue(app)!);
            Timing.Mark("assemblies opened");
            var checker = new SpecChecker(new TargetLookup(assemblies.App, assemblies.Framework), (result.GetValue(globals) ?? []).ToHashSet(StringComparer.Ordinal));
            var problems = errors.Select(e => e).ToList();
            foreach (var spec in set)
            {
                problems.AddRange(checker.Check(spec).Select(p => $"{spec.Id}: {p}"));
            }

            foreach (var warning in warnings)
            {
                Console.Error.WriteLine($"diagnose: {warning}");
            }

            foreach (var problem in problems)
            {
                Console.Out.WriteLine(problem);
            }

            var count = set.Count == 1 ? "1 spec" : $"{set.Count} specs";
            Console.Out.WriteLine(problems.Count == 0 ? $"{count} checked: all fine" : $"{count} checked: {problems.Count} problem{(problems.Count == 1 ? "" : "s")}");
            return problems.Count == 0 ? ExitCodes.Success : ExitCodes.SpecError;
        });
        return command;
    }
}
