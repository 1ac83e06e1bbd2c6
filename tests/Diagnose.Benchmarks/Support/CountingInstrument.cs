namespace Diagnose.Benchmarks.Support;

/// <summary>
/// An instrument that takes its value as an object, keeps the last one and counts calls: what any non-numeric
/// instrument (log, user-defined) costs before its own output, including boxing a value-type value. Keeping the
/// value matters: a box that goes nowhere can be allocated on the stack by the JIT, which no real instrument allows.
/// </summary>
public sealed class CountingInstrument : Instrument
{
    private long _count;

    public CountingInstrument(string name, string value, InstrumentEvent @event = InstrumentEvent.Return)
        : base(name, value, @event, custom: Unguarded.Limits())
    {
    }

    public long Count => _count;

    public object? Last { get; private set; }

    protected internal override void Fire(object? value, IReadOnlyList<string> tags)
    {
        Last = value;
        _count++;
    }
}
