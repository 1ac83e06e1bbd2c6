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
    private static string? s_keyFile;

    /// <summary>The manager of the specs given at start or attach, if any.</summary>
    public static Manager? SpecsManager => s_manager;

    /// <summary>The specs path in use: DIAGNOSE_SPECS, or the one a tool sent later (<c>attach --specs</c>).</summary>
    public static string? SpecsPath => s_specsPath;

    public static void Run()
    {
        using var agent = Hooks.ReentryGuard.Agent();
        lock (s_gate)
        {
            AgentLog.Info($"agent started in process {Environment.ProcessId} on .NET {Environment.Version}");
            Engine.Preload.Run();
            Channel.AgentChannel.Start();
            Engine.Warmup.Start();
            var specs = Environment.GetEnvironmentVariable("DIAGNOSE_SPECS");
            if (string.IsNullOrWhiteSpace(specs) || specs == s_specsPath)
            {
                return;
            }

            var keyFile = Environment.GetEnvironmentVariable("DIAGNOSE_KEY_FILE");
            Use(specs, string.IsNullOrWhiteSpace(keyFile) ? null : keyFile);
        }
    }

    /// <summary>
    /// Makes <paramref name="path"/> the specs path (replacing the one in use) and applies it now; with
    /// <paramref name="keyFile"/>, only specs signed with the key in that file run.
    /// </summary>
    public static Manager UsePath(string path, string? keyFile = null)
    {
        lock (s_gate)
        {
            if (path != s_specsPath || keyFile != s_keyFile || s_manager is null)
            {
                return Use(path, keyFile);
            }

            s_manager.Apply();
            return s_manager;
        }
    }

    private static Manager Use(string path, string? keyFile)
    {
        s_manager?.Dispose();
        s_specsPath = path;
        s_keyFile = keyFile;
        Redaction.Redactor.UseSpecsPath(path); // before anything is compiled: redaction.json beside the specs
        s_manager = Manager.ForPath(path, keyFile);
        s_manager.Apply();
        s_manager.ApplyInBackground(TimeSpan.FromSeconds(10));
        AgentLog.Info(keyFile is null ? $"applying specs from {path}" : $"applying specs from {path}, signed ones only (key file {keyFile})");
        return s_manager;
    }
}
