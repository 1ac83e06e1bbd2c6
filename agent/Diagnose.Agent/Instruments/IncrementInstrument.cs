using System.Text.Json.Nodes;

namespace Diagnose;

/// <summary>Adds each value to a counter (use a value of 1 to count calls), published as System.Diagnostics.Metrics instrument <see cref="Instrument.Name"/> of meter <c>Diagnose</c> (type <c>incr</c>).</summary>
public class IncrementInstrument : NumericInstrument
{
    public IncrementInstrument(string name, string value, InstrumentEvent @event = InstrumentEvent.Return, DateTimeOffset? expires = null, JsonObject? custom = null)
        : base(name, value, @event, expires, custom)
    {
    }

    protected internal override void Record(double value, IReadOnlyList<string> tags) => DiagnoseMeter.Increment(Name, value, tags);
}
