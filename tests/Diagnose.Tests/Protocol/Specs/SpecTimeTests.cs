using Diagnose.Protocol.Specs;
using NUnit.Framework;

namespace Diagnose.Tests.Protocol.Specs;

/// <summary>
/// <c>lastmodified</c> in the forms diagnose users write, and expiry as diagnose computes it:
/// <c>lastmodified + lifespan</c> minutes, expired when <c>now &gt; expires</c>.
/// </summary>
public sealed class SpecTimeTests
{
    private static readonly DateTimeOffset Ten = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    [TestCase("2026-11-22T10:00:00Z", TestName = "TheTimestampIsReadWithAZ")]
    [TestCase("2026-11-22T10:00:00", TestName = "TheTimestampIsReadAsUtcWithoutAZoneAsPythonsIsoformatWritesIt")]
    [TestCase("2026-11-22 10:00:00", TestName = "TheTimestampIsReadWithASpaceAsPythonsStrWritesIt")]
    [TestCase("2026-11-22T10:00:00+00:00", TestName = "TheTimestampIsReadWithAZeroOffset")]
    [TestCase("2026-11-22T12:00:00+02:00", TestName = "TheTimestampIsReadWithAnOffsetAndConvertedToUtc")]
    [TestCase("2026-11-22T10:00:00.000000", TestName = "TheTimestampIsReadWithMicroseconds")]
    [TestCase("2026-11-22T10:00:00.000000000Z", TestName = "TheTimestampIsReadWithNanoseconds")]
    public void TheTimestampIsRead(string text)
    {
        var spec = WithTimestamp(text, lifespan: "10");

        Assert.That(spec.Error, Is.Null);
        Assert.That(spec.LastModified, Is.EqualTo(Ten));
        Assert.That(spec.LastModified!.Value.Offset, Is.EqualTo(TimeSpan.Zero));
        Assert.That(spec.Expires, Is.EqualTo(Ten.AddMinutes(10)));
    }

    [TestCase("22/11/2026 10:00")]
    [TestCase("2026-11-22")]
    [TestCase("tomorrow")]
    [TestCase("")]
    public void SomethingElseIsNotATimestamp(string text)
    {
        Assert.That(WithTimestamp(text, lifespan: "10").Error, Does.Contain("'lastmodified' must be an ISO-8601 UTC timestamp"));
    }

    [Test]
    public void MicrosecondsAreKept()
    {
        var spec = WithTimestamp("2026-11-22T09:58:31.123456", lifespan: "null");

        Assert.That(spec.LastModified, Is.EqualTo(new DateTimeOffset(2026, 11, 22, 9, 58, 31, TimeSpan.Zero).AddTicks(1_234_560)));
    }

    [TestCase("10", 600_000_000L)]
    [TestCase("2.5", 150_000_000L)]
    [TestCase("0.0001", 6_000L)]
    [TestCase("0.1234567891", 7_407_407L)]
    [TestCase("0", 0L)]
    [TestCase("-1", -60_000_000L)]
    public void ExpiryCountsTheLifespanInMinutesFromLastModified(string lifespan, long microseconds)
    {
        var spec = WithTimestamp("2026-11-22T10:00:00Z", lifespan);

        Assert.That(spec.Expires, Is.EqualTo(Ten.AddTicks(microseconds * 10)));
    }

    [Test]
    public void ASpecExpiresOnlyAfterItsExpiryAsInDiagnose()
    {
        var spec = WithTimestamp("2026-11-22T10:00:00Z", "1");

        Assert.That(spec.IsExpired(Ten.AddSeconds(59)), Is.False);
        Assert.That(spec.IsExpired(Ten.AddMinutes(1)), Is.False);
        Assert.That(spec.IsExpired(Ten.AddMinutes(1).AddTicks(1)), Is.True);
    }

    [Test]
    public void ANegativeLifespanHasExpiredAlready()
    {
        Assert.That(WithTimestamp("2026-11-22T10:00:00Z", "-5").IsExpired(Ten), Is.True);
    }

    [Test]
    public void WithoutLifespanASpecNeverExpires()
    {
        var spec = WithTimestamp("2026-11-22T10:00:00Z", "null");

        Assert.That(spec.Expires, Is.Null);
        Assert.That(spec.IsExpired(DateTimeOffset.MaxValue), Is.False);
    }

    [Test]
    public void AHugeLifespanSaturatesInsteadOfFailing()
    {
        var spec = WithTimestamp("2026-11-22T10:00:00Z", "1e300");

        Assert.That(spec.Error, Is.Null);
        Assert.That(spec.Expires, Is.EqualTo(DateTimeOffset.MaxValue));
    }

    [Test]
    public void TheAppliedEntryRepeatsLastModifiedExactlyAsWritten()
    {
        var spec = WithTimestamp("2026-11-21 17:30:00", "null");

        Assert.That(AppliedEntry.For(spec), Is.EqualTo(new AppliedEntry("2026-11-21 17:30:00", null)));
        Assert.That(AppliedEntry.For(spec, "boom"), Is.EqualTo(new AppliedEntry("2026-11-21 17:30:00", "boom")));
    }

    [Test]
    public void ASpecMadeInCodeWritesUtcWithAZToTheMicrosecond()
    {
        var local = new DateTimeOffset(2026, 11, 22, 11, 0, 0, TimeSpan.FromHours(1)).AddTicks(1_234_567);

        var spec = new Spec("s", "A.B.M", new InstrumentSpec("log", "n", "result"), local, lifespan: 0.5);

        Assert.That(spec.ToJson(indented: false), Does.Contain("\"lastmodified\":\"2026-11-22T10:00:00.123456Z\""));
        Assert.That(spec.LastModified, Is.EqualTo(Ten.AddTicks(1_234_560)));
        Assert.That(spec.Expires, Is.EqualTo(Ten.AddTicks(1_234_560).AddSeconds(30)));
        Assert.That(AppliedEntry.For(spec).LastModified, Is.EqualTo("2026-11-22T10:00:00.123456Z"));
    }

    private static Spec WithTimestamp(string lastModified, string lifespan)
    {
        var json = $$$"""
            {"s": {"target": "A.B.M", "instrument": {"type": "log", "name": "n", "value": "result"},
                   "lifespan": {{{lifespan}}}, "lastmodified": "{{{lastModified}}}"}}
            """;
        return SpecSet.Parse(json)["s"];
    }
}
