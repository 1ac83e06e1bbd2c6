using System.Diagnostics;

namespace Diagnose.Cli;

/// <summary>
/// With <c>DIAGNOSE_TIMING=1</c>, prints to standard error how long after the process started each step ended
/// (for measuring the tool's latency; silent otherwise).
/// </summary>
internal static class Timing
{
    private static readonly bool s_enabled = Environment.GetEnvironmentVariable("DIAGNOSE_TIMING") == "1";

    public static void Mark(string step)
    {
        if (s_enabled)
        {
            var since = DateTime.Now - Process.GetCurrentProcess().StartTime;
            Console.Error.WriteLine($"timing: {since.TotalMilliseconds,7:0} ms {step}");
        }
    }
}
