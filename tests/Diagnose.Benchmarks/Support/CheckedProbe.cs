namespace Diagnose.Benchmarks.Support;

/// <summary>
/// A probe started for one benchmark: proven to fire before the benchmark runs, and proven to have kept firing
/// during the run before it is stopped.
/// </summary>
public sealed class CheckedProbe
{
    private readonly Probe _probe;
    private readonly Instrument _instrument;
    private readonly Func<long> _count;
    private readonly long _countAfterSetup;

    private CheckedProbe(Probe probe, Instrument instrument, Func<long> count)
    {
        _probe = probe;
        _instrument = instrument;
        _count = count;
        _countAfterSetup = count();
    }

    /// <summary>Starts a probe with one instrument whose calls <paramref name="count"/> counts, and checks one call of it.</summary>
    public static CheckedProbe Start<T>(string target, Instrument instrument, Func<long> count, Func<T> call, T expected)
    {
        var probe = ProbeFixture.Start(target, instrument);
        ProbeFixture.VerifyFiresOnce(target, count, call, expected);
        return new CheckedProbe(probe, instrument, count);
    }

    /// <summary>
    /// Stops the probe; throws when it did not fire during the run or was switched off in it (by an error or a
    /// guardrail): its numbers are not a probed method's.
    /// </summary>
    public void VerifyFiredAndStop()
    {
        _probe.Stop();
        var fired = _count() - _countAfterSetup;
        Console.WriteLine($"// {_probe.Target}: fired {fired:N0} times during the run");
        if (fired <= 0)
        {
            throw new InvalidOperationException($"{_probe.Target}: the probe did not fire during the run");
        }

        if (_instrument.Error is { } error && !error.StartsWith("expired", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{_probe.Target}: the probe was switched off during the run: {error}");
        }
    }
}
