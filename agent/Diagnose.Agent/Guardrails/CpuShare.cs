using System.Diagnostics;
using System.Globalization;

namespace Diagnose.Guardrails;

/// <summary>
/// The CPU-share budget, one window (a second) at a time: an instrument's time in the window is estimated from its
/// timed fires (their mean times all its fires) and compared with the CPU time the whole process used, against at
/// least 100 ms so that a nearly idle process does not trip a cheap probe. Over its share in two windows in a row it
/// is switched off. One window is not enough: the estimate comes from a few sampled fires, and on a machine short of
/// cores one slow sample can make a cheap instrument look expensive for that second. A window in which none of its
/// fires was timed tells nothing and changes nothing. Used by the <see cref="GuardMonitor"/> thread only.
/// </summary>
internal sealed class CpuShare
{
    internal static readonly TimeSpan MinimumCpu = TimeSpan.FromMilliseconds(100);

    private readonly Dictionary<ProbeGuard, (long TimedTicks, long TimedFires, long Fires)> _windowStart = new();
    private readonly HashSet<ProbeGuard> _overLastWindow = new();

    /// <summary>Ends a window in which the process used <paramref name="used"/> of CPU time, and starts the next.</summary>
    public void Close(IEnumerable<ProbeGuard> guards, TimeSpan used)
    {
        foreach (var guard in guards)
        {
            var (timedTicks, timedFires, fires, _) = guard.Timing();
            if (_windowStart.TryGetValue(guard, out var start) && guard.Instrument.IsEnabled && guard.CpuPercent > 0 && timedFires > start.TimedFires)
            {
                var perFire = (timedTicks - start.TimedTicks) / (double)(timedFires - start.TimedFires);
                var (estimated, percent) = Share(TimeSpan.FromSeconds(perFire * (fires - start.Fires) / Stopwatch.Frequency), used);
                if (percent <= guard.CpuPercent)
                {
                    _overLastWindow.Remove(guard);
                }
                else if (!_overLastWindow.Add(guard))
                {
                    guard.Trip($"its instruments took about {Text(estimated)} ms of the process's {Text(used)} ms of CPU time in one second ({percent.ToString("0.#", CultureInfo.InvariantCulture)}%), two seconds in a row; budget {guard.CpuPercent.ToString(CultureInfo.InvariantCulture)}%");
                }
            }

            _windowStart[guard] = (timedTicks, timedFires, fires);
        }
    }

    /// <summary>Drops what is kept about guards no longer watched.</summary>
    public void Forget(Func<ProbeGuard, bool> gone)
    {
        foreach (var guard in _windowStart.Keys.Where(gone).ToList())
        {
            _windowStart.Remove(guard);
        }

        _overLastWindow.RemoveWhere(g => gone(g));
    }

    /// <summary>
    /// An instrument's share of the process's CPU time in a window: its estimated time, at most what the whole process
    /// used (an estimate from sampled fires can come out higher when the samples were slow; the instrument's threads
    /// cannot have used more than the process), against at least <see cref="MinimumCpu"/>.
    /// </summary>
    internal static (TimeSpan Estimated, double Percent) Share(TimeSpan estimated, TimeSpan used)
    {
        var capped = estimated > used ? used : estimated;
        var against = used < MinimumCpu ? MinimumCpu : used;
        return (capped, 100 * capped.TotalMilliseconds / against.TotalMilliseconds);
    }

    private static string Text(TimeSpan time) => time.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
}
