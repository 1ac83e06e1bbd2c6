namespace Diagnose;

/// <summary>
/// One instrument an in-process helper (<see cref="Sensor"/>, <see cref="Breakpoint"/>) owns on a target's probe: added
/// under a key of its own, started, and removed again (with the probe, when it was the last), also when starting fails.
/// </summary>
internal static class OwnInstrument
{
    /// <exception cref="DiagnoseException">The target cannot be probed, or the instrument failed at once (nothing is left behind).</exception>
    public static Probe Add(string target, string key, Instrument instrument)
    {
        var probe = Probes.AttachTo(target);
        probe.Instruments[key] = instrument;
        try
        {
            probe.Start();
            if (instrument.Error is { } error)
            {
                throw new DiagnoseException(error);
            }
        }
        catch
        {
            Remove(probe, key);
            throw;
        }

        return probe;
    }

    public static void Remove(Probe probe, string key)
    {
        probe.Instruments.Remove(key);
        if (probe.Instruments.Count == 0)
        {
            probe.Stop();
        }
    }
}
