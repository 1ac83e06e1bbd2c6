using System.CommandLine;
using Diagnose.Cli.Discovery;

namespace Diagnose.Cli.Commands;

/// <summary>
/// <c>diagnose methods pid [pattern]</c>: what can be probed in a process, read from its assemblies and PDBs on disk
/// (the files mapped into it), with nothing loaded into the process and with or without Diagnose in it.
/// </summary>
internal static class MethodsCommand
{
    public static Command Create()
    {
        var pid = new Argument<int>("pid") { Description = "The process id of a running .NET process (Diagnose need not be loaded)" };
        var pattern = new Argument<string?>("pattern") { Description = "A part of the name (Shop.Orders), a glob (*Checkout*), or a source file (Program.cs); every method when not given", Arity = ArgumentArity.ZeroOrOne };
        var lines = new Option<bool>("--lines") { Description = "Also list the lines that have code (sequence points), for line probes and hotspots" };
        var all = new Option<bool>("--all") { Description = "Also list the framework's assemblies and compiler-generated helpers without source lines. Without it, framework code is read only for a pattern that names it (System.String.Join: System.Private.CoreLib and the assemblies whose name begins the pattern)" };
        var json = new Option<bool>("--json") { Description = "Print one JSON array" };
        var command = new Command("methods", "List the methods of a running process that match a pattern, as probe targets, with their signature, source file:line, and whether they can be probed (or why not). Compiler-generated code (lambdas, local functions, async and iterator state machines) is shown with what it is in the source. Reads the process's assemblies and PDBs from disk; loads nothing into it.\n\nExamples:\n  diagnose methods 4242 Shop.Orders\n  diagnose methods 4242 '*Checkout*' --lines\n  diagnose methods 4242 Program.cs --json")
        {
            pid, pattern, lines, all, json,
        };
        command.SetAction(result =>
        {
            var process = result.GetValue(pid);
            var wanted = MethodPattern.Parse(result.GetValue(pattern));
            var assemblies = ProcessAssemblies.Of(process);
            Timing.Mark("assemblies found");
            var listing = MethodListing.Of(assemblies, wanted, result.GetValue(all));
            Timing.Mark("methods read");
            foreach (var skipped in listing.Skipped)
            {
                Console.Error.WriteLine($"diagnose: skipped {skipped}");
            }

            if (result.GetValue(json))
            {
                MethodsPrinter.Json(listing.Methods, result.GetValue(lines), Console.Out);
            }
            else if (listing.Methods.Count > 0)
            {
                MethodsPrinter.Table(listing.Methods, result.GetValue(lines), Console.Out);
            }

            if (listing.HelpersLeftOut > 0 && !result.GetValue(json))
            {
                var helpers = listing.HelpersLeftOut == 1 ? "1 compiler-generated helper" : $"{listing.HelpersLeftOut} compiler-generated helpers";
                Console.Out.WriteLine($"({helpers} without source lines left out: --all lists them)");
            }

            if (listing.Methods.Count == 0)
            {
                var what = wanted.Text is null ? "no methods" : $"no method matches '{wanted.Text}'";
                var framework = result.GetValue(all) || wanted.NamesFramework ? "" : " (framework assemblies left out: --all includes them)";
                Console.Error.WriteLine($"diagnose: {what} in process {process}{framework}{Suggestions.DidYouMean(listing.Suggestions)}");
                return ExitCodes.SpecError;
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
