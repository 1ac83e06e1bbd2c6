using Diagnose.Differential.Tests.Support;
using NUnit.Framework;

namespace Diagnose.Differential.Tests;

public sealed class OutputDifferenceTests
{
    [Test]
    public void IdenticalOutputsHaveNoDifference() =>
        Assert.That(OutputDifference.Describe("a/1\t3\tff\tx\nend 1 cases\n", "a/1\t3\tff\tx\nend 1 cases\n"), Is.Null);

    [Test]
    public void ADifferenceNamesTheCaseWithBothLines()
    {
        var difference = OutputDifference.Describe("a/1\t1\taa\tx\na/2\t1\tbb\ty\nend 2 cases\n", "a/1\t1\taa\tx\na/2\t5\tcc\t!! boom\nend 2 cases\n");

        Assert.That(difference, Does.Contain("- plain:  a/2\t1\tbb\ty\n  probed: a/2\t5\tcc\t!! boom").And.EndsWith("1 differing lines"));
    }

    [Test]
    public void AShorterOutputDiffersFromWhereItStops() =>
        Assert.That(OutputDifference.Describe("a/1\nend 1 cases\n", "a/1\n"), Does.Contain("probed: (none)"));
}
