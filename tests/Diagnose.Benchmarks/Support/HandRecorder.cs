using System.Runtime.CompilerServices;

namespace Diagnose.Benchmarks.Support;

/// <summary>
/// What a developer calls when writing the probe's work by hand: a static, non-inlined Record that counts like
/// <see cref="CountingRecorder"/> (and Fire, like <see cref="CountingInstrument"/>). Not inlined because a real
/// recorder is not, and the probe's hook is not either.
/// </summary>
public static class HandRecorder
{
    private static long s_count;

    public static long Count => s_count;

    public static object? Last { get; private set; }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Record(double value) => s_count++;

    /// <summary>Like <see cref="Record"/>, through a call to another method (as an instrument that formats or aggregates does).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void RecordThroughCall(double value) => Tally(value);

    /// <summary>The counting itself, out of line: the code an instrument calls, which might itself be probed.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Tally(double value) => s_count++;

    /// <summary>The hand-written counterpart of an instrument that takes its value as an object (boxes value types).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Fire(object? value)
    {
        Last = value;
        s_count++;
    }
}
