using System.Diagnostics;
using Diagnose.Guardrails;
using NUnit.Framework;

namespace Diagnose.Tests.Guardrails;

/// <summary>The elapsed times of an instrument's fires in log buckets: percentiles within a bucket, the max exact.</summary>
public sealed class ElapsedHistogramTests
{
    [Test]
    public void EveryDurationFallsInABucketWhoseBoundsHoldIt()
    {
        foreach (var ticks in new long[] { 0, 1, 3, 4, 5, 7, 8, 9, 15, 16, 1000, 123_456_789, long.MaxValue })
        {
            var bucket = ElapsedHistogram.BucketOf(ticks);
            Assert.That(bucket, Is.InRange(0, ElapsedHistogram.BucketCount - 1), $"{ticks}");
            Assert.That(ElapsedHistogram.UpperBound(bucket), Is.GreaterThanOrEqualTo(ticks), $"{ticks}");
            Assert.That(bucket == 0 || ElapsedHistogram.UpperBound(bucket - 1) < ticks, $"{ticks} belongs to an earlier bucket");
        }
    }

    [Test]
    public void ABucketIsAtMostAQuarterOfItsLowerBoundWide()
    {
        for (var bucket = 5; bucket < ElapsedHistogram.BucketCount; bucket++)
        {
            var lower = ElapsedHistogram.UpperBound(bucket - 1) + 1;
            Assert.That(ElapsedHistogram.UpperBound(bucket) - lower + 1, Is.LessThanOrEqualTo((lower / 4) + 1), $"bucket {bucket}");
        }
    }

    [Test]
    public void PercentilesComeFromTheRecordedDurationsAndTheMaxIsExact()
    {
        var histogram = new ElapsedHistogram();
        var millisecond = Stopwatch.Frequency / 1000;
        for (var i = 1; i <= 100; i++)
        {
            histogram.Record(i * millisecond);
        }

        var summary = histogram.Summary()!;

        Assert.That(summary.Count, Is.EqualTo(100));
        Assert.That(summary.P50, Is.InRange(0.050, 0.050 * 1.25));
        Assert.That(summary.P95, Is.InRange(0.095, 0.100));
        Assert.That(summary.P99, Is.InRange(0.099, 0.100));
        Assert.That(summary.Max, Is.EqualTo(0.100).Within(1e-9));
    }

    [Test]
    public void AHistogramWithoutCallsHasNoSummary() => Assert.That(new ElapsedHistogram().Summary(), Is.Null);
}
