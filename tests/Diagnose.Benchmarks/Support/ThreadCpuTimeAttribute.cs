using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Jobs;

namespace Diagnose.Benchmarks.Support;

/// <summary>
/// Measures a benchmark class with <see cref="ThreadCpuClock"/>: for work that runs entirely on the calling thread
/// (per-call costs, compiling), not for work that waits on other threads (applying a probe goes through the
/// profiler's worker thread and the runtime, so its latency is wall-clock time).
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ThreadCpuTimeAttribute : JobMutatorConfigBaseAttribute
{
    public ThreadCpuTimeAttribute()
        : base(new Job().WithClock(ThreadCpuClock.Instance))
    {
    }
}
