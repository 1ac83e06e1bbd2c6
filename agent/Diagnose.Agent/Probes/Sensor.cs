using System.Text.Json.Nodes;

namespace Diagnose;

/// <summary>
/// A probe with one <c>test</c> instrument for your own tests: records <c>(tags, value)</c> for every call of the
/// target while it lives, and always removes its instrument (and the probe, when it was the last) on Dispose, also
/// when the block that uses it throws.
/// <code>
/// using var sensor = new Sensor("MyApp.Billing.Invoice.Total");
/// invoice.Total(); // …
/// Assert.That(sensor.Values, Is.EqualTo(new object[] { 42m }));
/// </code>
/// </summary>
public sealed class Sensor : IDisposable
{
    private readonly Probe _probe;
    private readonly string _key = $"sensor:{Guid.NewGuid():N}";
    private readonly TestInstrument _instrument;
    private int _disposed;

    /// <exception cref="DiagnoseException">The target cannot be probed.</exception>
    public Sensor(string target, string value = "result", InstrumentEvent @event = InstrumentEvent.Return, JsonObject? custom = null)
    {
        _instrument = new TestInstrument(_key, value, @event, custom: custom);
        _probe = OwnInstrument.Add(target, _key, _instrument);
    }

    /// <summary>Everything recorded so far, in call order.</summary>
    public IReadOnlyList<(IReadOnlyList<string> Tags, object? Value)> Results => _instrument.Results;

    /// <summary>The recorded values, in call order.</summary>
    public IReadOnlyList<object?> Values => _instrument.Results.Select(r => r.Value).ToList();

    /// <summary>Why the instrument stopped recording, or null.</summary>
    public string? Error => _instrument.Error;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        OwnInstrument.Remove(_probe, _key);
    }
}
