namespace Diagnose.Benchmarks.Support;

/// <summary>
/// Starts probes for benchmarks and proves they work before anything is measured: a benchmark of a probe that
/// silently failed to install would measure the plain method and report a meaningless number.
/// </summary>
public static class ProbeFixture
{
    /// <summary>True once a probe was started in this process (the profiler is attached and the engine is up).</summary>
    public static bool AnyStarted { get; private set; }

    /// <summary>Starts a probe with the instruments and throws unless it is installed with all of them enabled.</summary>
    public static Probe Start(string target, params Instrument[] instruments)
    {
        var probe = Probes.AttachTo(target);
        foreach (var instrument in instruments)
        {
            probe.Instruments[instrument.Name] = instrument;
        }

        probe.Start();
        AnyStarted = true;
        if (probe.State != ProbeState.Installed)
        {
            throw new InvalidOperationException($"the probe on {target} is {probe.State}: {probe.Error}");
        }

        foreach (var instrument in instruments.Where(i => !i.IsEnabled))
        {
            throw new InvalidOperationException($"instrument '{instrument.Name}' on {target} is disabled: {instrument.Error}");
        }

        return probe;
    }

    /// <summary>
    /// Calls <paramref name="call"/> once and throws unless <paramref name="count"/> went up by exactly one and the
    /// call returned <paramref name="expected"/> (a probe must never change a result).
    /// </summary>
    public static void VerifyFiresOnce<T>(string what, Func<long> count, Func<T> call, T expected)
    {
        var before = count();
        var result = call();
        var after = count();
        if (after != before + 1)
        {
            throw new InvalidOperationException($"{what}: one call moved the counter from {before} to {after}, not by one; the probe is not active and the numbers would be meaningless");
        }

        if (!EqualityComparer<T>.Default.Equals(result, expected))
        {
            throw new InvalidOperationException($"{what}: returned {result}, expected {expected}");
        }
    }
}
