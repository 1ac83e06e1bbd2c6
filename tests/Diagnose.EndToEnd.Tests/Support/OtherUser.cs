using System.Diagnostics;

namespace Diagnose.EndToEnd.Tests.Support;

/// <summary>
/// Runs programs as the unprivileged user <c>nobody</c> (group <c>nogroup</c>, no other groups) through
/// <c>setpriv</c>, which needs the tests to run as root.
/// </summary>
internal static class OtherUser
{
    public const string Name = "nobody";

    public static string Program => "setpriv";

    public static IReadOnlyList<string> Arguments { get; } = ["--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"];

    /// <summary>Null when programs can run as nobody here, else why not (not root, no setpriv, out/ not readable by nobody).</summary>
    public static string? WhyUnavailable()
    {
        if (Environment.UserName != "root")
        {
            return $"the tests run as {Environment.UserName}, not root: setpriv cannot switch to another user";
        }

        try
        {
            var start = new ProcessStartInfo(Program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in Arguments.Concat([Installation.Diagnose, "--help"]))
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                process.Kill(entireProcessTree: true);
                return "diagnose --help as nobody did not finish in 60 s";
            }

            return process.ExitCode == 0 ? null : $"nobody cannot run {Installation.Diagnose} (exit {process.ExitCode}: {error.Result.Trim()} {output.Result.Trim()}); make out/ and the .NET installation readable by all";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"setpriv cannot be started: {e.Message}";
        }
    }
}
