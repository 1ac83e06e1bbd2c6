namespace Diagnose.Cli.Live;

/// <summary>One source line over all the calls seen: in how many it ran, how often in all, its total and its longest pass (ns).</summary>
internal sealed record LineTotal(int Line, long Calls, long Runs, long TotalNs, long MaxNs);

/// <summary>The calls of one hotspots probe, added up per source line as their log lines arrive (any thread).</summary>
internal sealed class LineTotals
{
    private readonly Dictionary<int, LineTotal> _lines = [];
    private long _calls;
    private long _cut;

    /// <summary>Calls seen (log lines read).</summary>
    public long Calls
    {
        get
        {
            lock (_lines)
            {
                return _calls;
            }
        }
    }

    /// <summary>Calls whose log line was cut at the value's length limit: their last lines are missing.</summary>
    public long Cut
    {
        get
        {
            lock (_lines)
            {
                return _cut;
            }
        }
    }

    public void Add(CallLines call)
    {
        lock (_lines)
        {
            _calls++;
            _cut += call.Cut ? 1 : 0;
            foreach (var pass in call.Lines)
            {
                _lines[pass.Line] = _lines.TryGetValue(pass.Line, out var total)
                    ? new LineTotal(pass.Line, total.Calls + 1, total.Runs + pass.Count, total.TotalNs + pass.SumNs, Math.Max(total.MaxNs, pass.MaxNs))
                    : new LineTotal(pass.Line, 1, pass.Count, pass.SumNs, pass.MaxNs);
            }
        }
    }

    /// <summary>The lines that ran, by line number.</summary>
    public IReadOnlyList<LineTotal> Lines()
    {
        lock (_lines)
        {
            return _lines.Values.OrderBy(l => l.Line).ToList();
        }
    }
}
