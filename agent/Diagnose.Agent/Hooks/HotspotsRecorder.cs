using System.Diagnostics;
using Diagnose.Symbols;

namespace Diagnose.Hooks;

/// <summary>
/// Per-call line timings, as diagnose's HotspotsFinder keeps them: each line is charged the time until the next line
/// (or the method's exit) was reached. One recorder per call of a probed method whose instruments mention
/// <c>hotspots</c>; rewritten IL holds it in a local and passes it to every line hook, so recursion and threads
/// need no bookkeeping.
/// </summary>
internal sealed class HotspotsRecorder
{
    private readonly Dictionary<int, LineTiming> _lines = new();
    private long _lastTimestamp;
    private int _lastLine = -1;
    private Hotspots? _finished;

    public void Line(int line)
    {
        var now = Stopwatch.GetTimestamp();
        Charge(now);
        _lastLine = line;
        _lastTimestamp = Stopwatch.GetTimestamp(); // the hook's own time is not the line's
    }

    /// <summary>The timings of this call, with the last line charged up to now. Repeated calls give the same result.</summary>
    public static Hotspots Finish(object? recorder, MethodSymbols symbols)
    {
        if (recorder is not HotspotsRecorder hotspots)
        {
            return Hotspots.Empty(symbols);
        }

        if (hotspots._finished is null)
        {
            hotspots.Charge(Stopwatch.GetTimestamp());
            hotspots._lastLine = -1;
            hotspots._finished = new Hotspots(symbols, hotspots._lines);
        }

        return hotspots._finished;
    }

    private void Charge(long now)
    {
        if (_lastLine < 0)
        {
            return;
        }

        var seconds = (now - _lastTimestamp) / (double)Stopwatch.Frequency;
        _lines[_lastLine] = _lines.TryGetValue(_lastLine, out var timing)
            ? new LineTiming(timing.Count + 1, Math.Max(timing.Max, seconds), timing.Sum + seconds)
            : new LineTiming(1, seconds, seconds);
    }
}
