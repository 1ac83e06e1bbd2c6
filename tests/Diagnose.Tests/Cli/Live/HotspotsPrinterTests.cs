using Diagnose.Cli.Live;
using Diagnose.Protocol.Specs;
using NUnit.Framework;

namespace Diagnose.Tests.Cli.Live;

/// <summary>What <c>diagnose hotspots</c> prints: the header, the annotated source in 80 columns, and the sample note.</summary>
public sealed class HotspotsPrinterTests
{
    private static readonly MethodSource s_method = new(
        "Shop.Cart.Total",
        "decimal Total()",
        "/src/Shop/Cart.cs",
        [11, 12, 13],
        9,
        ["    public decimal Total()", "    {", "        var sum = Prices.Sum();", "        Thread.Sleep(20); // a very long comment that goes on well past the eightieth column", "        return sum;", "    }"]);

    [Test]
    public void TheSourceIsPrintedWithEachLinesFiguresAndTheHottestFillsTheBar()
    {
        var report = Report(new ProbeStats(2, 2, 0, 0, 0), [new LineTotal(11, 2, 2, 500, 300), new LineTotal(12, 2, 2, 40_000_000, 20_100_000), new LineTotal(13, 2, 2, 20_000_000, 10_000_000)]);
        var output = new StringWriter();

        HotspotsPrinter.Text(report, output);

        var lines = output.ToString().Split(Environment.NewLine);
        Assert.That(lines[..4], Is.EqualTo(new[]
        {
            "hotspots of Shop.Cart.Total in process 7 (Cart.cs:11-13)",
            "2 calls seen in 10.0 s (time up), none dropped",
            "",
            "LINE  CALLS  RUNS    TOTAL      MAX  HEAT        SOURCE",
        }));
        Assert.That(lines[4..10], Is.EqualTo(new[]
        {
            "   9                                             public decimal Total()",
            "  10                                             {",
            "  11      2     2   500 ns   300 ns                  var sum = Prices.Sum();",
            "  12      2     2  40.0 ms  20.1 ms  ██████████      Thread.Sleep(20); // a ver…",
            "  13      2     2  20.0 ms  10.0 ms  █████           return sum;",
            "  14                                             }",
        }));
        Assert.That(lines.Max(l => l.Length), Is.LessThanOrEqualTo(80));
    }

    [Test]
    public void DroppedCallsAreCountedByCauseAndTheFiguresCalledASample()
    {
        var report = Report(new ProbeStats(1200, 100, 1100, 0, 0), [new LineTotal(11, 100, 100, 500, 300)]);
        var output = new StringWriter();

        HotspotsPrinter.Text(report, output);

        Assert.That(output.ToString().Split(Environment.NewLine)[1..4], Is.EqualTo(new[]
        {
            "100 of 1200 calls seen in 10.0 s (time up)",
            "1100 dropped: 1100 by the rate limit",
            "the figures are a sample of the calls, not all of them",
        }));
    }

    [TestCase(850, "850 ns")]
    [TestCase(12_345, "12.3 µs")]
    [TestCase(20_100_000, "20.1 ms")]
    [TestCase(1_250_000_000, "1.25 s")]
    public void TimesReadInTheirBestUnit(long ns, string text)
    {
        Assert.That(HotspotsPrinter.Duration(ns), Is.EqualTo(text));
    }

    [TestCase(100, 100, "██████████")]
    [TestCase(50, 100, "█████")]
    [TestCase(1, 80, "▏")]
    [TestCase(0, 100, "")]
    public void TheHeatBarIsInEighthsOfACell(long total, long hottest, string bar)
    {
        Assert.That(HotspotsPrinter.Heat(total, hottest), Is.EqualTo(bar));
    }

    private static HotspotsReport Report(ProbeStats stats, IReadOnlyList<LineTotal> lines) =>
        new(7, s_method, TimeSpan.FromSeconds(10), "time up", lines.Count == 0 ? 0 : lines.Max(l => l.Calls), 0, 0, stats, null, lines);
}
