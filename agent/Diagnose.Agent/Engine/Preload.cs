using System.Diagnostics;
using System.Reflection;

namespace Diagnose.Engine;

/// <summary>
/// Loads, once and before any probe exists, every assembly the agent's code can need, and creates the dynamic module
/// the emitted sites live in. Afterwards installing a probe loads no assembly of the framework or the agent and
/// creates no dynamic assembly. That matters because a pending probe is installed by an application thread inside
/// its <c>AssemblyLoad</c> event, while the runtime still holds that assembly's load lock: an agent thread that held
/// an agent lock and then had to wait for the loader (a load of the same assembly, a new dynamic assembly) would
/// wait for that application thread, which waits for the agent lock.
/// </summary>
internal static class Preload
{
    private static int s_done;

    /// <summary>How many assemblies the preload loaded or found loaded, and how long it took.</summary>
    internal static (int Assemblies, TimeSpan Elapsed) Result { get; private set; }

    public static void Run()
    {
        if (Interlocked.Exchange(ref s_done, 1) != 0)
        {
            return;
        }

        var clock = Stopwatch.StartNew();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var queue = new Queue<Assembly>([typeof(Preload).Assembly]);
        seen.Add(typeof(Preload).Assembly.GetName().Name!);
        while (queue.TryDequeue(out var assembly))
        {
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                if (reference.Name is null || !seen.Add(reference.Name))
                {
                    continue;
                }

                try
                {
                    queue.Enqueue(Assembly.Load(reference));
                }
                catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
                {
                    // A reference this runtime does not ship is one the agent's code never reaches on it.
                    AgentLog.Debug($"preload: {reference.Name} not loaded: {e.Message}");
                }
            }
        }

        Sites.EmittedSites.EnsureModule();
        Result = (seen.Count, clock.Elapsed);
        AgentLog.Debug($"preload: {seen.Count} assemblies and the sites module in {clock.Elapsed.TotalMilliseconds:F1} ms");
    }
}
