namespace Diagnose.Differential.Probing;

/// <summary>
/// Counts how often it fires and touches the value it gets (each element of an <c>args</c> array) by reading its
/// runtime type, without rendering it: rendering would call the library's own ToString and measure that instead.
/// </summary>
internal sealed class CountingInstrument(string name, string value, InstrumentEvent @event) : Instrument(name, value, @event)
{
    private long _hits;
    private long _values;

    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Non-null values seen (arguments or results).</summary>
    public long Values => Interlocked.Read(ref _values);

    protected internal override void Fire(object? value, IReadOnlyList<string> tags)
    {
        Interlocked.Increment(ref _hits);
        var seen = 0;
        if (value is object?[] arguments && Event == InstrumentEvent.Call)
        {
            foreach (var argument in arguments)
            {
                seen += Touch(argument);
            }
        }
        else
        {
            seen += Touch(value);
        }

        if (seen > 0)
        {
            Interlocked.Add(ref _values, seen);
        }
    }

    /// <summary>Reading the runtime type dereferences the object (a boxed value or a reference) without running its code.</summary>
    private static int Touch(object? value) => value?.GetType() is null ? 0 : 1;
}
