using System.Text.Json.Nodes;

namespace Diagnose;

/// <summary>Records <c>(tags, value)</c> pairs in memory, for your own tests (type <c>test</c>).</summary>
public class TestInstrument : Instrument
{
    private readonly List<(IReadOnlyList<string> Tags, object? Value)> _results = new();

    public TestInstrument(string name, string value, InstrumentEvent @event = InstrumentEvent.Return, DateTimeOffset? expires = null, JsonObject? custom = null)
        : base(name, value, @event, expires, custom)
    {
    }

    /// <summary>What was recorded so far, in call order.</summary>
    public IReadOnlyList<(IReadOnlyList<string> Tags, object? Value)> Results
    {
        get
        {
            lock (_results)
            {
                return _results.ToArray();
            }
        }
    }

    protected internal override void Fire(object? value, IReadOnlyList<string> tags)
    {
        lock (_results)
        {
            _results.Add((tags.ToArray(), value));
        }
    }
}
