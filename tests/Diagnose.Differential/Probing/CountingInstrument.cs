using System.Text.Json.Nodes;

namespace Diagnose.Differential.Probing;

/// <summary>
/// Counts how often it fires and touches the value it gets (each element of an <c>args</c> array) by reading its
/// runtime type, without rendering it: rendering would call the library's own ToString and measure that instead.
/// It must see every call, so it asks for no rate limit, no CPU-share limit and a wide call budget (a probe on every method of a library
/// takes far more than the default 5% of the CPU; that is what the differential run measures, not a fault).
/// </summary>
internal sealed class CountingInstrument(string name, string value, InstrumentEvent @event)
    : Instrument(name, value, @event, custom: Unlimited())
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

    private static JsonObject Unlimited() => new() { ["rate"] = 0, ["budgetMs"] = 60_000, ["cpuPercent"] = 0 };

    /// <summary>Reading the runtime type dereferences the object (a boxed value or a reference) without running its code.</summary>
    private static int Touch(object? value) => value?.GetType() is null ? 0 : 1;
}
