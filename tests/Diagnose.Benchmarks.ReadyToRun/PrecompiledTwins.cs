using System.Runtime.CompilerServices;

namespace Diagnose.Benchmarks.ReadyToRun;

/// <summary>
/// Two identical methods whose native code comes from the ReadyToRun image: the first is probed and unprobed while
/// it still runs that code, the second never is.
/// </summary>
public static class PrecompiledTwins
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int Probed(int a) => (a * 31) ^ 5;

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int Never(int a) => (a * 31) ^ 5;
}
