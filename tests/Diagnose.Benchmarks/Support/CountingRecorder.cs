namespace Diagnose.Benchmarks.Support;

/// <summary>
/// A numeric instrument with no output: the zero-output, zero-boxing case. Its only work is to count calls (a
/// plain field increment, well under a nanosecond) so that a benchmark can prove the probe fires.
/// </summary>
public sealed class CountingRecorder : NumericInstrument
{
    private readonly bool _mayReenter;
    private long _count;

    /// <param name="name">The instrument's name.</param>
    /// <param name="value">Its expression.</param>
    /// <param name="event">Its event.</param>
    /// <param name="mayReenter">False declares that Record calls nothing probe-able, so sites may skip the re-entry guard.</param>
    public CountingRecorder(string name, string value, InstrumentEvent @event = InstrumentEvent.Return, bool mayReenter = true)
        : base(name, value, @event)
    {
        _mayReenter = mayReenter;
    }

    protected internal override bool MayReenter => _mayReenter;

    public long Count => _count;

    protected internal override void Record(double value, IReadOnlyList<string> tags) => _count++;
}
