namespace Diagnose;

/// <summary>
/// What the agent does when it arrives in a process: apply the specs named by <c>DIAGNOSE_SPECS</c> (a file or a
/// directory, watched), and keep doing so. Runs again, harmlessly, when the startup hook is applied again.
/// </summary>
internal static class AgentStartup
{
    private static readonly object s_gate = new();
    private static Manager? s_manager;
    private static string? s_specsPath;

    /// <summary>The manager of the specs given at start or attach, if any.</summary>
    public static Manager? SpecsManager => s_manager;

    public static void Run()
    {
        lock (s_gate)
        {
            AgentLog.Info($"agent started in process {Environment.ProcessId} on .NET {Environment.Version}");
            var specs = Environment.GetEnvironmentVariable("DIAGNOSE_SPECS");
            if (string.IsNullOrWhiteSpace(specs) || specs == s_specsPath)
            {
                return;
            }

            s_manager?.Dispose();
            s_specsPath = specs;
            s_manager = Manager.ForPath(specs);
            s_manager.Apply();
            s_manager.ApplyInBackground(TimeSpan.FromSeconds(10));
            AgentLog.Info($"applying specs from {specs}");
        }
    }
}
