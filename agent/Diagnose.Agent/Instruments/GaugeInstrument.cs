using System.Text.Json.Nodes;

namespace Diagnose;

/// <summary>Sets a gauge to the last value, published as System.Diagnostics.Metrics instrument <see cref="Instrument.Name"/> of meter <c>Diagnose</c> (type <c>gauge</c>).</summary>
public class GaugeInstrument : NumericInstrument
{
    public GaugeInstrument(string name, string value, InstrumentEvent @event = InstrumentEvent.Return, DateTimeOffset? expires = null, JsonObject? custom = null)
        : base(name, value, @event, expires, custom)
    {
    }

    protected internal override void Record(double value, IReadOnlyList<string> tags) => DiagnoseMeter.Gauge(Name, value, tags);
}
