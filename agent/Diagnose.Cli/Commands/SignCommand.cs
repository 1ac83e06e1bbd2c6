using System.CommandLine;
using Diagnose.Protocol.Specs;

namespace Diagnose.Cli.Commands;

/// <summary>
/// <c>diagnose sign SPECS --key FILE</c>: adds (or renews) the HMAC-SHA256 <c>signature</c> of every spec in a spec
/// file, or in every spec file of a directory, so that processes given the same key run them.
/// </summary>
internal static class SignCommand
{
    public static Command Create()
    {
        var specs = new Argument<string>("specs") { Description = "A JSON spec file, or a directory of them" };
        var key = new Option<string>("--key") { Description = "The key file: base64 text of at least 32 bytes (openssl rand -base64 32 > diagnose.key)", Required = true };
        var command = new Command("sign", "Sign every spec of a spec file (or of each file of a directory) with a key, in place; a sidecar or process given --key runs signed specs only. Sign again after every change.\n\nExample:\n  diagnose sign probes.json --key /etc/diagnose/key")
        {
            specs, key,
        };
        command.SetAction(result => Sign(result.GetValue(specs)!, KeyArgument.Read(result.GetValue(key)!), Console.Out));
        return command;
    }

    public static int Sign(string path, SpecKey key, TextWriter output)
    {
        var full = Path.GetFullPath(path);
        var files = Specs.SpecFiles.Of(full);
        var exit = ExitCodes.Success;
        foreach (var file in files)
        {
            var set = SpecSet.Parse(File.ReadAllBytes(file), Path.GetFileName(file));
            if (set.Count == 0 && set.DocumentErrors.Count > 0)
            {
                Console.Error.WriteLine($"diagnose: {string.Join("; ", set.DocumentErrors)}; not signed");
                exit = ExitCodes.SpecError;
                continue;
            }

            var signed = new List<Spec>();
            foreach (var spec in set)
            {
                try
                {
                    signed.Add(SpecSignature.Sign(key, spec));
                }
                catch (FormatException e)
                {
                    Console.Error.WriteLine($"diagnose: {Path.GetFileName(file)}: spec '{spec.Id}' cannot be signed: {e.Message}");
                    signed.Add(spec);
                    exit = ExitCodes.SpecError;
                }
            }

            AtomicFile.Replace(file, [.. System.Text.Encoding.UTF8.GetBytes(new SpecSet(signed).ToJson(indented: true)), (byte)'\n']);
            output.WriteLine($"{Path.GetFileName(file)}: {signed.Count} specs signed");
        }

        return exit;
    }
}
