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
    /// <param name="keepsElapsed">True sets <c>custom.elapsed</c>: its sites keep the calls' elapsed times.</param>
    public CountingRecorder(string name, string value, InstrumentEvent @event = InstrumentEvent.Return, bool mayReenter = true, bool keepsElapsed = false)
        : base(name, value, @event, custom: keepsElapsed ? Unguarded.WithElapsed() : Unguarded.Limits())
    {
        _mayReenter = mayReenter;
    }

    protected internal override bool MayReenter => _mayReenter;

    public long Count => _count;

    protected internal override void Record(double value, IReadOnlyList<string> tags) => _count++;
}

/// <summary>
/// A numeric instrument whose Record calls a method (as real ones do: metrics, formatting), so that its sites keep
/// the re-entry guard: the method it calls could be probed.
/// </summary>
public sealed class CallingRecorder : NumericInstrument
{
    private long _count;

    /// <param name="name">The instrument's name.</param>
    /// <param name="value">Its expression.</param>
    public CallingRecorder(string name, string value)
        : base(name, value, InstrumentEvent.Return, custom: Unguarded.Limits())
    {
    }

    public long Count => _count;

    protected internal override void Record(double value, IReadOnlyList<string> tags) => Add(value);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void Add(double value) => _count++;
}
