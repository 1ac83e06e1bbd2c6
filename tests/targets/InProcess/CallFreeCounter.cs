using Diagnose;

namespace Sample;

/// <summary>
/// A user's numeric instrument whose Record is field arithmetic only: the agent proves from its IL that it calls
/// nothing, so its sites run without the re-entry guard and only count (no rate limit, no timing).
/// </summary>
public sealed class CallFreeCounter(string name, string value, InstrumentEvent when) : NumericInstrument(name, value, when)
{
    private long _count;
    private double _sum;

    public string Totals => $"{_count} {_sum}";

    protected override void Record(double value, IReadOnlyList<string> tags)
    {
        _count++;
        _sum += value;
    }
}
