namespace Diagnose.Cli.Otlp;

/// <summary>
/// Which probe (spec id) wrote a log line. A <c>ProbeLog</c> event names only the instrument, so the ids come from
/// the process's spec list (<c>probe ls</c>'s command), asked again when a spec changed (a <c>SpecApplied</c> event)
/// or when a line names an instrument not seen in the last list, at most every <see cref="Period"/>. Several specs
/// whose instruments have the same name give their ids joined by commas.
/// </summary>
internal sealed class ProbeIds
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(2);

    private readonly Func<IEnumerable<(string Id, string InstrumentName)>> _list;
    private readonly TimeProvider _time;
    private Dictionary<string, string> _byName = new(StringComparer.Ordinal);
    private DateTimeOffset _listedAt = DateTimeOffset.MinValue;
    private bool _changed = true;

    /// <param name="list">The process's specs now; throws when it cannot be asked.</param>
    /// <param name="time">The clock of <see cref="Period"/>.</param>
    public ProbeIds(Func<IEnumerable<(string Id, string InstrumentName)>> list, TimeProvider time)
    {
        _list = list;
        _time = time;
    }

    /// <summary>A spec changed: the next lookup lists the specs again.</summary>
    public void Changed() => _changed = true;

    /// <summary>The id(s) of the probe(s) whose instrument has this name; null when none is known.</summary>
    public string? Of(string instrumentName)
    {
        var found = _byName.TryGetValue(instrumentName, out var ids);
        var now = _time.GetUtcNow();
        if (_changed || (!found && now - _listedAt >= Period))
        {
            Refresh(now);
            _byName.TryGetValue(instrumentName, out ids);
        }

        return ids;
    }

    private void Refresh(DateTimeOffset now)
    {
        _listedAt = now;
        _changed = false;
        try
        {
            _byName = _list()
                .GroupBy(s => s.InstrumentName, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => string.Join(",", g.Select(s => s.Id).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)), StringComparer.Ordinal);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The process cannot answer now (ending, busy, gone: CliException, or what the diagnostics client throws
            // on a process that just exited). The id is only added to a line: keep what was known, ask again later,
            // and never lose the line.
        }
    }
}
