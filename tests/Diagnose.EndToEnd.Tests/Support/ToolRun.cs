using System.Diagnostics;

namespace Diagnose.EndToEnd.Tests.Support;

/// <summary>One run of the <c>diagnose</c> command: its exit code and output.</summary>
internal sealed record ToolRun(int ExitCode, string Output, string Error)
{
    public static ToolRun Of(params string[] arguments) => Of(TimeSpan.FromSeconds(60), arguments);

    public static ToolRun Of(TimeSpan timeout, params string[] arguments) => Run(Installation.Diagnose, arguments, timeout);

    /// <summary>The command run as another user (<see cref="OtherUser"/>).</summary>
    public static ToolRun AsOtherUser(params string[] arguments) => Run(OtherUser.Program, [.. OtherUser.Arguments, Installation.Diagnose, .. arguments], TimeSpan.FromSeconds(60));

    /// <summary>
    /// Another program, in <paramref name="directory"/>, with these variables changed (a null value removes one).
    /// </summary>
    public static ToolRun Program(string program, IReadOnlyList<string> arguments, string directory, IReadOnlyDictionary<string, string?> environment, TimeSpan timeout) =>
        Run(program, arguments, timeout, directory, environment);

    private static ToolRun Run(string program, IReadOnlyList<string> arguments, TimeSpan timeout, string? directory = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = directory ?? string.Empty };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish in {timeout}");
        }

        return new ToolRun(process.ExitCode, output.Result, error.Result);
    }

    public override string ToString() => $"exit {ExitCode}; out: {Output.Trim()}; err: {Error.Trim()}";
}
