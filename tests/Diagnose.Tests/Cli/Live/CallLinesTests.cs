using Diagnose.Cli.Live;
using NUnit.Framework;

namespace Diagnose.Tests.Cli.Live;

/// <summary>Reading back the value the hotspots probe logs for one call, and adding calls up per line.</summary>
public sealed class CallLinesTests
{
    [Test]
    public void AValueReadsAsOneEntryPerLine()
    {
        var call = CallLines.Parse("8:1:41:41 9:2:20158689:30000000");

        Assert.That(call, Is.Not.Null);
        Assert.That(call!.Cut, Is.False);
        Assert.That(call.Lines, Is.EqualTo(new[] { new LinePass(8, 1, 41, 41), new LinePass(9, 2, 20_158_689, 30_000_000) }));
    }

    [Test]
    public void ACallWithNoLinesIsStillACall()
    {
        Assert.That(CallLines.Parse("")!.Lines, Is.Empty);
    }

    [Test]
    public void AValueCutAtTheLengthLimitLosesItsUnfinishedLastEntryAndSaysSo()
    {
        var broken = CallLines.Parse("8:1:41:41 9:1:2015...");
        var afterDigits = CallLines.Parse("8:1:41:41 9:1:20:20...");

        Assert.That(broken!.Lines, Is.EqualTo(new[] { new LinePass(8, 1, 41, 41) }));
        Assert.That(broken.Cut, Is.True);
        Assert.That(afterDigits!.Lines, Is.EqualTo(new[] { new LinePass(8, 1, 41, 41) }), "the last entry may have lost digits");
    }

    [TestCase("Some other value")]
    [TestCase("8:1:41")]
    [TestCase("8:1:-4:41")]
    public void AnythingElseIsNotAHotspotsValue(string value)
    {
        Assert.That(CallLines.Parse(value), Is.Null);
    }

    [Test]
    public void TotalsAddUpEachLineOverTheCalls()
    {
        var totals = new LineTotals();

        totals.Add(CallLines.Parse("8:1:40:40 9:3:100:250")!);
        totals.Add(CallLines.Parse("9:1:300:300")!);
        totals.Add(CallLines.Parse("8:1:2...")!);

        Assert.That(totals.Calls, Is.EqualTo(3));
        Assert.That(totals.Cut, Is.EqualTo(1));
        Assert.That(totals.Lines(), Is.EqualTo(new[] { new LineTotal(8, 1, 1, 40, 40), new LineTotal(9, 2, 4, 550, 300) }));
    }
}
