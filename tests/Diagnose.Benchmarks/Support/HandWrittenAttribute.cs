namespace Diagnose.Benchmarks.Support;

/// <summary>Names the benchmark (same class) that does a probed benchmark's work by hand; see <see cref="HandWrittenRatioColumn"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class HandWrittenAttribute : Attribute
{
    public HandWrittenAttribute(string benchmark)
    {
        Benchmark = benchmark;
    }

    public string Benchmark { get; }
}
