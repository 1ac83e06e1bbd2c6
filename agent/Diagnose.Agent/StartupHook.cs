using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

/// <summary>
/// The agent's entry point in a target process: run by the runtime for <c>DOTNET_STARTUP_HOOKS</c> at start, or
/// for <c>ApplyStartupHook</c> on a running process (then possibly more than once). It must never throw.
/// </summary>
internal static class StartupHook
{
    private static int s_resolving;

    public static void Initialize()
    {
        try
        {
            // Diagnose.Protocol sits next to this assembly, not on the app's probing paths: resolve it before any
            // type that uses it is touched (this method references none).
            if (Interlocked.Exchange(ref s_resolving, 1) == 0)
            {
                AssemblyLoadContext.Default.Resolving += ResolveOwnAssembly;
            }

            Start();
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"Diagnose: the agent could not start: {e.Message}");
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Start() => Diagnose.AgentStartup.Run();

    private static Assembly? ResolveOwnAssembly(AssemblyLoadContext context, AssemblyName name)
    {
        if (name.Name is not { } simple || !simple.StartsWith("Diagnose.", StringComparison.Ordinal))
        {
            return null;
        }

        var directory = Path.GetDirectoryName(typeof(StartupHook).Assembly.Location);
        var path = directory is null ? null : Path.Combine(directory, simple + ".dll");
        return path is not null && File.Exists(path) ? context.LoadFromAssemblyPath(path) : null;
    }
}
