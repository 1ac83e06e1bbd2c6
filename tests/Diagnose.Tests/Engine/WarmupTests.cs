using Diagnose.Engine;
using NUnit.Framework;

namespace Diagnose.Tests.Engine;

public sealed class WarmupTests
{
    [Test]
    public void EveryStepOfTheWarmUpPathWorksWithoutAProfiler()
    {
        // A warm-up that fails quietly would leave the first probe slow again: it must go through end to end.
        Assert.That(Warmup.Exercise(), Is.Null);
    }

    [Test]
    public void TheWarmUpCanRunAgainAndConcurrently()
    {
        var results = new string?[4];
        Parallel.For(0, results.Length, i => results[i] = Warmup.Exercise());
        Assert.That(results, Is.All.Null);
    }
}
