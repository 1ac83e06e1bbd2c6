using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace Diagnose.Benchmarks.Support;

/// <summary>
/// One in-process job (the process that attached the profiler to itself is the one measured; an out-of-process
/// toolchain would measure a child without the profiler), allocations per operation, and the "vs hand" column.
/// </summary>
public static class BenchmarkConfig
{
    public static IConfig Create(bool quick)
    {
        var job = quick
            ? Job.Default.WithWarmupCount(1).WithIterationCount(3).WithIterationTime(TimeInterval.FromMilliseconds(100)).WithId("Quick")
            : Job.Default.WithWarmupCount(8).WithIterationCount(20).WithId("InProcess");
        return DefaultConfig.Instance
            .AddJob(job.WithToolchain(InProcessEmitToolchain.Instance))
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumn(new HandWrittenRatioColumn())
            .AddColumn(StatisticColumn.Median, StatisticColumn.Min)
            .HideColumns(Column.Error)
            .WithOptions(ConfigOptions.DisableLogFile);
    }
}
