using Diagnose.Targets;

namespace Diagnose;

/// <summary>The probes of this process.</summary>
public static class Probes
{
    private static readonly object s_gate = new();
    private static readonly Dictionary<string, Probe> s_active = new(StringComparer.Ordinal);
    private static bool s_watchingLoads;

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

    internal static void Register(Probe probe)
    {
        lock (s_gate)
        {
            s_active[probe.Target] = probe;
            if (!s_watchingLoads)
            {
                AppDomain.CurrentDomain.AssemblyLoad += (_, _) => InstallPending();
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

    /// <summary>A new assembly: pending probes may have their target now. Runs before the assembly's code does.</summary>
    private static void InstallPending()
    {
        Probe[] pending;
        lock (s_gate)
        {
            pending = s_active.Values.Where(p => p.State == ProbeState.Pending).ToArray();
        }

        foreach (var probe in pending)
        {
            try
            {
                probe.TryInstall(throwOnError: false);
            }
            catch (Exception e)
            {
                AgentLog.Error($"installing pending probe {probe.Target} failed: {e}");
            }
        }
    }
}
