using System.Runtime.CompilerServices;

namespace Diagnose.Benchmarks.Removal;

/// <summary>
/// Pairs of identical methods for <see cref="AfterRemovalRun"/>: the first of each pair is probed and unprobed, the
/// second never is; both get the same calls before, so they are in the same tier when the first is probed.
/// </summary>
public static class Twins
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int WarmProbed(int a) => (a * 31) ^ 5;

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int WarmNever(int a) => (a * 31) ^ 5;

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int ColdProbed(int a) => (a * 31) ^ 5;

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int ColdNever(int a) => (a * 31) ^ 5;

    /// <summary>The control pair: neither is ever probed, so their ratio shows the measurement's own noise.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int ControlA(int a) => (a * 31) ^ 5;

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int ControlB(int a) => (a * 31) ^ 5;

    /// <summary>Small enough to be inlined into <see cref="CallerOfProbed"/>; the probe goes on it.</summary>
    public static int InlineeProbed(int a) => a * 3 + 1;

    public static int InlineeNever(int a) => a * 3 + 1;

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int CallerOfProbed(int a) => InlineeProbed(a) + InlineeProbed(a + 1);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int CallerOfNever(int a) => InlineeNever(a) + InlineeNever(a + 1);

    /// <summary>A loop long enough to be moved to optimised code while it runs (on-stack replacement).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long LoopProbed(int n)
    {
        long sum = 0;
        for (var i = 0; i < n; i++)
        {
            sum += (i * 7) ^ (sum >> 3);
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long LoopNever(int n)
    {
        long sum = 0;
        for (var i = 0; i < n; i++)
        {
            sum += (i * 7) ^ (sum >> 3);
        }

        return sum;
    }
}
