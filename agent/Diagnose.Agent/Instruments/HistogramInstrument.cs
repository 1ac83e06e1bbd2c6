using System.Text.Json.Nodes;

namespace Diagnose;

/// <summary>Records each value in a histogram, published as System.Diagnostics.Metrics instrument <see cref="Instrument.Name"/> of meter <c>Diagnose</c> (type <c>hist</c>).</summary>
public class HistogramInstrument : NumericInstrument
{
    public HistogramInstrument(string name, string value, InstrumentEvent @event = InstrumentEvent.Return, DateTimeOffset? expires = null, JsonObject? custom = null)
        : base(name, value, @event, expires, custom)
    {
    }

    protected internal override void Record(double value, IReadOnlyList<string> tags) => DiagnoseMeter.Histogram(Name, value, tags);
}
