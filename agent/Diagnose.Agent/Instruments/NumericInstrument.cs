using System.Text.Json.Nodes;

namespace Diagnose;

/// <summary>An instrument that records numbers: its value is converted to double without boxing.</summary>
public abstract class NumericInstrument : Instrument
{
    protected NumericInstrument(string name, string value, InstrumentEvent @event = InstrumentEvent.Return, DateTimeOffset? expires = null, JsonObject? custom = null)
        : base(name, value, @event, expires, custom)
    {
    }

    /// <summary>Records one number.</summary>
    protected internal abstract void Record(double value, IReadOnlyList<string> tags);

    /// <summary>Values that reach an instrument as objects (late-bound expressions) go through the same check.</summary>
    protected internal sealed override void Fire(object? value, IReadOnlyList<string> tags) => Record(NumericValue.ToDouble(value), tags);
}
