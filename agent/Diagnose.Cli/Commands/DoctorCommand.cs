using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Diagnose.Cli.Doctor;

namespace Diagnose.Cli.Commands;

/// <summary>
/// <c>diagnose doctor [pid]</c>: whether attach would work, check by check, each failure with its fix. Exit 0 when
/// nothing failed (warnings allowed), 1 otherwise.
/// </summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var pid = new Argument<int?>("pid") { Description = "The process to check; without one, this machine's set-up (installation, /tmp, the processes in sight)", Arity = ArgumentArity.ZeroOrOne };
        var store = new Option<string?>("--store") { Description = "Also check that this spec store (file, directory or postgres:// address) can be read" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object: {\"pid\", \"ok\", \"checks\": [{\"name\", \"status\", \"detail\", \"fix\"}]}" };
        var command = new Command("doctor", "Check whether Diagnose can attach to a process, and say what to fix when it cannot: the runtime's version (8 or later), DOTNET_EnableDiagnostics, the diagnostics socket and its owner, whether /tmp is shared with this tool, another profiler already loaded (a process has one), Diagnose's own version in it, the spec store, and container hints. Loads nothing into the process. Exit 0 when attach would work, 1 when it would not.\n\nExamples:\n  diagnose doctor 4242\n  diagnose doctor --store /etc/diagnose\n  diagnose doctor 4242 --json")
        {
            pid, store, json,
        };
        command.SetAction(result =>
        {
            var target = result.GetValue(pid);
            if (target is <= 0)
            {
                throw new CliException(ExitCodes.UsageError, $"'{target}' is not a process id; 'diagnose ps' lists them");
            }

            var checks = target is { } process ? ProcessDoctor.Of(process, result.GetValue(store)) : ProcessDoctor.Local(result.GetValue(store));
            var ok = checks.All(c => c.Status != CheckStatus.Fail);
            if (result.GetValue(json))
            {
                WriteJson(target, ok, checks, Console.Out);
            }
            else
            {
                WriteText(target, ok, checks, Console.Out);
            }

            return ok ? ExitCodes.Success : ExitCodes.SpecError;
        });
        return command;
    }

    internal static void WriteText(int? pid, bool ok, IReadOnlyList<DoctorCheck> checks, TextWriter output)
    {
        var width = checks.Max(c => c.Name.Length);
        foreach (var check in checks)
        {
            var status = check.Status switch { CheckStatus.Ok => "ok  ", CheckStatus.Warn => "warn", _ => "FAIL" };
            output.WriteLine($"{status}  {check.Name.PadRight(width)}  {check.Detail}");
            if (check.Fix is not null)
            {
                output.WriteLine($"{new string(' ', 6 + width + 2)}fix: {check.Fix}");
            }
        }

        var failed = checks.Count(c => c.Status == CheckStatus.Fail);
        var problems = $"{failed} problem{(failed == 1 ? "" : "s")} above";
        output.WriteLine(pid is { } process
            ? ok ? $"attach to {process} would work" : $"attach to {process} would not work: {problems}"
            : ok ? "this machine is set up for attach" : $"this machine is not set up for attach: {problems}");
    }

    private static void WriteJson(int? pid, bool ok, IReadOnlyList<DoctorCheck> checks, TextWriter output)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            if (pid is { } process)
            {
                writer.WriteNumber("pid", process);
            }
            else
            {
                writer.WriteNull("pid");
            }

            writer.WriteBoolean("ok", ok);
            writer.WriteStartArray("checks");
            foreach (var check in checks)
            {
                writer.WriteStartObject();
                writer.WriteString("name", check.Name);
                writer.WriteString("status", check.Status.ToString().ToLowerInvariant());
                writer.WriteString("detail", check.Detail);
                writer.WriteString("fix", check.Fix);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
