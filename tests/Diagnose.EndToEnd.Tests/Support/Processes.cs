using System.Diagnostics;

namespace Diagnose.EndToEnd.Tests.Support;

internal static class Processes
{
    /// <summary>Ends a process the test started (with its children) if it still runs, then releases it.</summary>
    public static void KillAndDispose(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        process.Dispose();
    }
}
