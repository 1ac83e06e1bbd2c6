using System.Reflection;
using Diagnose.Targets;

namespace Diagnose;

/// <summary>The probes of this process.</summary>
public static class Probes
{
    private static readonly object s_gate = new();
    private static readonly Dictionary<string, Probe> s_active = new(StringComparer.Ordinal);
    private static bool s_watchingLoads;

    [ThreadStatic]
    private static bool t_installingPending;

    [ThreadStatic]
    private static bool t_loadedWhileInstalling;

    /// <summary>The probe on <paramref name="target"/>: the running one if there is one, else a new, stopped one.</summary>
    /// <exception cref="DiagnoseException">The text is not a valid target.</exception>
    public static Probe AttachTo(string target)
    {
        var name = TargetName.Parse(target);
        lock (s_gate)
        {
            return s_active.TryGetValue(name.Text, out var probe) ? probe : new Probe(name.Text);
        }
    }

    /// <summary>Raised (on the loading thread) after pending probes were tried because an assembly loaded.</summary>
    internal static event Action? PendingTried;

    /// <summary>Running probes (installed or pending) by target.</summary>
    public static IReadOnlyDictionary<string, Probe> Active
    {
        get
        {
            lock (s_gate)
            {
                return new Dictionary<string, Probe>(s_active);
            }
        }
    }

    /// <summary>
    /// An instrument was switched off (error, budget, max hits): the probes that hold it are rebuilt without it on a
    /// pool thread (never on the probed method's thread, which may hold locks of the app).
    /// </summary>
    internal static void Refresh(Instrument instrument)
    {
        ThreadPool.UnsafeQueueUserWorkItem(_ =>
        {
            using var agent = Hooks.ReentryGuard.Agent();
            try
            {
                foreach (var probe in Active.Values.Where(p => p.Instruments.Values.Contains(instrument)))
                {
                    probe.Refresh();
                }
            }
            catch (Exception e)
            {
                AgentLog.Error($"restoring the methods of instrument '{instrument.Name}' failed: {e.Message}");
            }
        }, null);
    }

    internal static void Register(Probe probe)
    {
        lock (s_gate)
        {
            s_active[probe.Target] = probe;
            if (!s_watchingLoads)
            {
                // A dynamic assembly never holds a target (dynamic modules are refused); the agent makes one itself.
                AppDomain.CurrentDomain.AssemblyLoad += (_, e) =>
                {
                    if (!e.LoadedAssembly.IsDynamic)
                    {
                        using var loading = LoadEventGate.LoadEvent();
                        InstallPending(e.LoadedAssembly);
                    }
                };
                s_watchingLoads = true;
            }
        }
    }

    internal static void Unregister(Probe probe)
    {
        lock (s_gate)
        {
            if (s_active.TryGetValue(probe.Target, out var current) && ReferenceEquals(current, probe))
            {
                s_active.Remove(probe.Target);
            }
        }
    }

    /// <summary>
    /// A new assembly: pending probes may have their target now. Runs before the assembly's code does. Installing
    /// loads assemblies itself (the expression binder, the JIT): such nested loads are not handled re-entrantly (that
    /// would recurse without end) but by another pass of the outer loop.
    /// </summary>
    private static void InstallPending(Assembly loaded)
    {
        if (t_installingPending)
        {
            t_loadedWhileInstalling = true;
            return;
        }

        t_installingPending = true;
        try
        {
            var installedAny = false;
            var passes = 0;
            do
            {
                t_loadedWhileInstalling = false;
                Probe[] pending;
                lock (s_gate)
                {
                    pending = s_active.Values.Where(p => p.State == ProbeState.Pending).ToArray();
                }

                foreach (var probe in pending)
                {
                    try
                    {
                        installedAny |= probe.TryInstallPending() || probe.State != ProbeState.Pending;
                    }
                    catch (AgentBusyException e)
                    {
                        AgentLog.Warning($"pending probe {probe.Target}: not installed while {loaded.GetName().Name} loaded ({e.Message}); installing it now on another thread, calls made until then are not seen");
                        ThreadPool.UnsafeQueueUserWorkItem(_ => InstallLate(probe), null);
                    }
                    catch (Exception e)
                    {
                        AgentLog.Error($"installing pending probe {probe.Target} failed: {e}");
                    }
                }
            }
            while (t_loadedWhileInstalling && ++passes < 10);

            if (installedAny)
            {
                PendingTried?.Invoke();
            }
        }
        finally
        {
            t_installingPending = false;
        }
    }

    /// <summary>A pending install that gave up inside an assembly load, done off the event (waiting is safe here).</summary>
    private static void InstallLate(Probe probe)
    {
        try
        {
            if (probe.TryInstallPending())
            {
                PendingTried?.Invoke();
            }
        }
        catch (Exception e)
        {
            AgentLog.Error($"installing pending probe {probe.Target} failed: {e}");
        }
    }
}
