using System.Diagnostics;
using System.Text;

namespace Diagnose.Differential.Tests.Support;

/// <summary>One run of the differential host: its exit code, its canonical output and what it wrote to stderr.</summary>
internal sealed record HostRun(int ExitCode, string Output, string Errors, TimeSpan Elapsed)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(15);

    /// <summary>Runs <c>dotnet Diagnose.Differential.dll</c> with the arguments and waits for it to end.</summary>
    /// <exception cref="TimeoutException">It did not end in 15 minutes (it is killed).</exception>
    public static HostRun Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = new UTF8Encoding(false),
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Installation.Host);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DIAGNOSE_HOME"] = Installation.Out;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (errors)
                {
                    errors.Append(e.Data).Append('\n');
                }
            }
        };
        process.BeginErrorReadLine();
        var output = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(s_timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the differential host ({string.Join(' ', arguments)}) did not end in {s_timeout}");
        }

        process.WaitForExit();
        lock (errors)
        {
            return new HostRun(process.ExitCode, output.Result, errors.ToString(), clock.Elapsed);
        }
    }

    /// <summary>Exit code 0, no unhandled exception, and the output complete (it ends with "end N cases").</summary>
    public string? Crash()
    {
        if (ExitCode != 0)
        {
            return $"exit code {ExitCode}";
        }

        if (Errors.Contains("Unhandled exception", StringComparison.Ordinal))
        {
            return "an unhandled exception";
        }

        return Output.EndsWith(" cases\n", StringComparison.Ordinal) && Output.Contains("\nend ", StringComparison.Ordinal) ? null : "an incomplete output";
    }
}
