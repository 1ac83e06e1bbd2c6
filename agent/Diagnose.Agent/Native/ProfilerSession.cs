namespace Diagnose.Native;

/// <summary>
/// The profiler of this process, bound once. When the process was not started under the profiler, the agent
/// attaches it to its own process through the diagnostics channel (the in-process API needs no set-up).
/// </summary>
internal static class ProfilerSession
{
    private static readonly object s_gate = new();
    private static NativeBridge? s_bridge;

    /// <summary>The bridge to an active profiler.</summary>
    /// <exception cref="DiagnoseException">No profiler is or can be made active in this process.</exception>
    public static NativeBridge Bridge
    {
        get
        {
            var bridge = Volatile.Read(ref s_bridge);
            if (bridge is not null)
            {
                return bridge;
            }

            lock (s_gate)
            {
                s_bridge ??= Bind();
                return s_bridge;
            }
        }
    }

    /// <summary>True when the runtime loaded our profiler, without attaching it.</summary>
    public static bool IsLoaded
    {
        get
        {
            var path = Environment.GetEnvironmentVariable(NativeAbi.ProfilerPathVariable);
            if (string.IsNullOrEmpty(path) || !File.Exists(path))
            {
                return false;
            }

            try
            {
                return NativeBridge.Load(path).IsActive;
            }
            catch (DiagnoseException)
            {
                return false;
            }
        }
    }

    private static NativeBridge Bind()
    {
        var published = Environment.GetEnvironmentVariable(NativeAbi.ProfilerPathVariable);
        if (!string.IsNullOrEmpty(published) && File.Exists(published))
        {
            var loaded = NativeBridge.Load(published);
            if (loaded.IsActive)
            {
                return loaded;
            }
        }

        var path = LibraryNextToAgent()
            ?? throw new DiagnoseException($"the profiler is not loaded in this process and {NativeAbi.LibraryFileName} was not found next to the agent; start the process with 'diagnose run' or set DIAGNOSE_HOME");
        var bridge = NativeBridge.Load(path);
        if (!bridge.IsActive)
        {
            var hr = DiagnosticsIpc.AttachProfiler(Environment.ProcessId, Guid.Parse(NativeAbi.ProfilerClsid), path, [], TimeSpan.FromSeconds(10));
            if (hr < 0)
            {
                throw new DiagnoseException($"cannot attach the profiler to this process: {HResults.Describe(hr)}"
                    + (hr == unchecked((int)0x8013136A) ? " (another profiler is already loaded)" : string.Empty));
            }

            if (!bridge.IsActive)
            {
                throw new DiagnoseException("the profiler was attached but did not initialize; see its log");
            }
        }

        return bridge;
    }

    private static string? LibraryNextToAgent()
    {
        var home = Environment.GetEnvironmentVariable("DIAGNOSE_HOME");
        var agentDirectory = Path.GetDirectoryName(typeof(ProfilerSession).Assembly.Location) ?? AppContext.BaseDirectory;
        var candidates = new List<string>();
        if (!string.IsNullOrEmpty(home))
        {
            candidates.Add(Path.Combine(home, "native", NativeAbi.LibraryFileName));
        }

        candidates.Add(Path.Combine(agentDirectory, NativeAbi.LibraryFileName));
        candidates.Add(Path.Combine(agentDirectory, "..", "native", NativeAbi.LibraryFileName));
        return candidates.Select(Path.GetFullPath).FirstOrDefault(File.Exists);
    }
}
