namespace Diagnose.Benchmarks.Support;

/// <summary>
/// A numeric instrument with no output: the zero-output, zero-boxing case. Its only work is to count calls (a
/// plain field increment, well under a nanosecond) so that a benchmark can prove the probe fires.
/// </summary>
public sealed class CountingRecorder : NumericInstrument
{
    private long _count;

    public CountingRecorder(string name, string value, InstrumentEvent @event = InstrumentEvent.Return)
        : base(name, value, @event)
    {
    }

    public long Count => _count;

    protected internal override void Record(double value, IReadOnlyList<string> tags) => _count++;
}
