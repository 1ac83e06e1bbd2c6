using Diagnose.Guardrails;
using NUnit.Framework;

namespace Diagnose.Tests.Guardrails;

/// <summary>The rate limit's bucket: a second's worth of tokens, refilled by the monitor only.</summary>
public sealed class TokenBucketTests
{
    [Test]
    public void AFullBucketGivesOneSecondsWorthThenNothingUntilRefilled()
    {
        var bucket = new TokenBucket(100);

        var taken = Enumerable.Range(0, 150).Count(_ => bucket.TryTake());

        Assert.That(taken, Is.EqualTo(100));
        Assert.That(bucket.IsEmpty, Is.True);
        bucket.Refill(0.1);
        Assert.That(Enumerable.Range(0, 50).Count(_ => bucket.TryTake()), Is.EqualTo(10));
    }

    [Test]
    public void RefillingNeverGoesPastTheBurst()
    {
        var bucket = new TokenBucket(10);

        bucket.Refill(60);

        Assert.That(Enumerable.Range(0, 100).Count(_ => bucket.TryTake()), Is.EqualTo(10));
    }

    [Test]
    public void ASlowRateKeepsItsFractionsAcrossRefills()
    {
        var bucket = new TokenBucket(1);
        Assert.That(bucket.TryTake(), Is.True);

        bucket.Refill(0.4);
        Assert.That(bucket.TryTake(), Is.False);
        bucket.Refill(0.4);
        Assert.That(bucket.TryTake(), Is.False);
        bucket.Refill(0.4);
        Assert.That(bucket.TryTake(), Is.True);
    }

    [Test]
    public void ManyThreadsTogetherTakeExactlyTheTokensThereAre()
    {
        var bucket = new TokenBucket(1000);
        var taken = 0;

        Parallel.For(0, 8, _ =>
        {
            for (var i = 0; i < 1000; i++)
            {
                if (bucket.TryTake())
                {
                    Interlocked.Increment(ref taken);
                }
            }
        });

        Assert.That(taken, Is.EqualTo(1000));
    }
}
