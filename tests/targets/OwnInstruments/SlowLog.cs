using System.Globalization;
using System.Text.Json.Nodes;
using Diagnose;

namespace MyCompany.Diag;

/// <summary>
/// The app's own instrument: prints "slow (NAME) VALUE [TAGS]" for a value at or over <c>custom.over</c> (default 0)
/// and nothing for a smaller one.
/// </summary>
public sealed class SlowLog : NumericInstrument
{
    private readonly double _over;

    public SlowLog(string name, string value, InstrumentEvent @event, DateTimeOffset? expires, JsonObject? custom)
        : base(name, value, @event, expires, custom)
    {
        _over = custom?["over"]?.GetValue<double>() ?? 0;
    }

    protected override void Record(double value, IReadOnlyList<string> tags)
    {
        if (value >= _over)
        {
            Console.WriteLine($"slow ({Name}) {value.ToString(CultureInfo.InvariantCulture)} [{string.Join(", ", tags)}]");
        }
    }
}
