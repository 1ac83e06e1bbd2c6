using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Diagnose.Benchmarks.Support;

/// <summary>
/// "vs hand": a benchmark's mean divided by the mean of the hand-written benchmark its <see cref="HandWrittenAttribute"/>
/// names (same job and parameters). The built-in Ratio column compares with the plain method, this one with what a
/// developer would have written.
/// </summary>
public sealed class HandWrittenRatioColumn : IColumn
{
    public string Id => nameof(HandWrittenRatioColumn);

    public string ColumnName => "vs hand";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Baseline;

    public int PriorityInCategory => 1;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Mean divided by the mean of the same work written by hand into the method";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(c => HandWrittenOf(c) is not null);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var name = HandWrittenOf(benchmarkCase);
        if (name is null)
        {
            return "-";
        }

        var partner = summary.BenchmarksCases.FirstOrDefault(c =>
            c.Descriptor.WorkloadMethod.Name == name
            && c.Descriptor.Type == benchmarkCase.Descriptor.Type
            && c.Job.DisplayInfo == benchmarkCase.Job.DisplayInfo
            && c.Parameters.DisplayInfo == benchmarkCase.Parameters.DisplayInfo);
        var mine = summary[benchmarkCase]?.ResultStatistics;
        var theirs = partner is null ? null : summary[partner]?.ResultStatistics;
        return mine is null || theirs is null || theirs.Mean <= 0 ? "?" : (mine.Mean / theirs.Mean).ToString("0.00", style.CultureInfo);
    }

    private static string? HandWrittenOf(BenchmarkCase benchmarkCase) =>
        benchmarkCase.Descriptor.WorkloadMethod.GetCustomAttribute<HandWrittenAttribute>()?.Benchmark;
}
