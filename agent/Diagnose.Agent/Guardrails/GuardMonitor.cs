using System.Diagnostics;
using System.Globalization;
using Diagnose.Hooks;

namespace Diagnose.Guardrails;

/// <summary>
/// The guardrails' background half, on a timer thread every 100 ms: refills the rate limits' buckets, switches off
/// an instrument whose timed fire is still running after its call budget and at least a second, and once a second
/// compares the CPU time each instrument's fires took (estimated from the timed ones) with the process's; over the CPU budget
/// (see <see cref="CpuShare"/>) it is switched off. Started by the first guard.
/// </summary>
internal static class GuardMonitor
{
    private const int TickMilliseconds = 100;
    private const int TicksPerWindow = 10;
    private static readonly long s_watchdogTicks = Stopwatch.Frequency;
    private static readonly object s_gate = new();
    private static readonly HashSet<ProbeGuard> s_guards = new();
    private static readonly CpuShare s_share = new();
    private static Timer? s_timer;
    private static long s_lastTick;
    private static int s_ticks;
    private static TimeSpan? s_windowCpu;

    /// <summary>Watches the guard (again: a site of it was built); instruments that are off or gone are dropped each second.</summary>
    public static void Watch(ProbeGuard guard)
    {
        lock (s_gate)
        {
            if (!s_guards.Add(guard))
            {
                return;
            }

            if (s_timer is null)
            {
                GuardMetrics.EnsureCreated();
                ProbeGuard.MeasureOverhead();
                s_lastTick = Stopwatch.GetTimestamp();
                s_timer = new Timer(_ => Tick(), null, TickMilliseconds, TickMilliseconds);
            }
        }
    }

    /// <summary>One pass of the monitor now (tests call it to not wait for the timer).</summary>
    internal static void Tick()
    {
        using var agent = ReentryGuard.Agent();
        try
        {
            // Read outside the lock: a probe being installed holds the probes' lock and then watches its guard.
            var live = (s_ticks + 1) % TicksPerWindow == 0 ? Probes.Active.Values.SelectMany(p => p.Instruments.Values).ToHashSet() : null;
            lock (s_gate)
            {
                var now = Stopwatch.GetTimestamp();
                var seconds = (now - s_lastTick) / (double)Stopwatch.Frequency;
                s_lastTick = now;
                ProbeGuard.ProcessLogs?.Refill(seconds);
                ProbeGuard.ProcessSnapshots.Refill(seconds);
                foreach (var guard in s_guards)
                {
                    guard.Bucket?.Refill(seconds);
                    // A fire still running: by wall time (it may be preempted), so the watchdog waits at least a second.
                    var running = guard.Timing().RunningSince;
                    if (running != 0 && now - running > Math.Max(guard.CallBudgetTicks, s_watchdogTicks) && guard.Instrument.IsEnabled)
                    {
                        guard.Trip($"one call of its instruments has been running for {ProbeGuard.Milliseconds(now - running)} ms; budget {guard.BudgetMs.ToString(CultureInfo.InvariantCulture)} ms");
                    }
                }

                if (++s_ticks % TicksPerWindow == 0 && live is not null)
                {
                    ProbeGuard.MeasureOverhead();
                    CheckCpu(live);
                    foreach (var guard in s_guards)
                    {
                        guard.RenewSamples();
                    }
                }
            }
        }
        catch (Exception e)
        {
            AgentLog.Error($"guardrails: the monitor failed: {e.Message}");
        }
    }

    /// <summary>The end of a one-second window: each instrument's estimated time against the process's CPU time.</summary>
    private static void CheckCpu(HashSet<Instrument> live)
    {
        var cpu = ProcessCpu();
        var used = cpu - (s_windowCpu ?? cpu);
        s_windowCpu = cpu;
        s_share.Close(s_guards, used);

        // Instruments that are off or gone are not watched any more.
        s_guards.RemoveWhere(g => !g.Instrument.IsEnabled || !live.Contains(g.Instrument));
        s_share.Forget(g => !s_guards.Contains(g));
    }

    private static TimeSpan ProcessCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
