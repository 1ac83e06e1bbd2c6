using System.Runtime.CompilerServices;

namespace Diagnose.Benchmarks.Breakdown;

/// <summary>Non-inlined no-op targets with the shapes of the hook layers: a static (site, value) call and an instance method for delegates.</summary>
public sealed class Sink
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Static(int site, int value)
    {
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public void Instance(int value)
    {
    }
}
