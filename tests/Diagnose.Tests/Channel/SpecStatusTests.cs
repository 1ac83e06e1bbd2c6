using Diagnose.Protocol.Channel;
using Diagnose.Protocol.Specs;
using NUnit.Framework;

namespace Diagnose.Tests.Channel;

/// <summary>The words every tool prints for what a spec amounts to in one process.</summary>
public sealed class SpecStatusTests
{
    private const string Process = "web-1:7";
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 30, TimeSpan.Zero);

    [TestCase(null, "installed", null)]
    [TestCase("pending: type 'A.B' was not found", "pending", "type 'A.B' was not found")]
    [TestCase("'A.B' does not have a method 'M'", "error", "'A.B' does not have a method 'M'")]
    [TestCase("disabled: its instruments took 52 ms of CPU time on one call; budget 10 ms", "disabled", "its instruments took 52 ms of CPU time on one call; budget 10 ms")]
    [TestCase("expired: fired 5 times (max hits 5)", "expired", "fired 5 times (max hits 5)")]
    [TestCase("disabledness is not a prefix", "error", "disabledness is not a prefix")]
    public void TheAppliedEntrySaysWhatHappened(string? err, string status, string? reason)
    {
        var spec = Spec(lifespan: null);
        spec.SetApplied(Process, new AppliedEntry("2026-11-22T10:00:00Z", err));

        Assert.That(SpecStatus.Of(spec, Process, Now), Is.EqualTo((status, reason)));
    }

    [Test]
    public void WithoutAnEntryForThisVersionTheSpecIsWaiting()
    {
        var spec = Spec(lifespan: null);
        Assert.That(SpecStatus.Of(spec, Process, Now), Is.EqualTo((SpecStatus.Waiting, "not applied yet")));

        spec.SetApplied(Process, new AppliedEntry("2026-11-21T10:00:00Z", null));
        Assert.That(SpecStatus.Of(spec, Process, Now).Status, Is.EqualTo(SpecStatus.Waiting));
    }

    [Test]
    public void AnExpiredSpecIsExpiredWhateverItsEntrySays()
    {
        var spec = Spec(lifespan: 0.25);
        spec.SetApplied(Process, new AppliedEntry("2026-11-22T10:00:00Z", null));

        Assert.That(SpecStatus.Of(spec, Process, Now), Is.EqualTo((SpecStatus.Expired, "its lifespan ended at 2026-11-22T10:00:15Z")));
    }

    [Test]
    public void AnInvalidSpecIsAnErrorWithItsValidationMessage()
    {
        var spec = SpecSet.Parse("""{"x": {"target": "A.B.M"}}""")["x"];

        Assert.That(SpecStatus.Of(spec, Process, Now), Is.EqualTo((SpecStatus.Error, "spec 'x': 'instrument' is missing")));
    }

    [Test]
    public void OnlyErrorsAndWaitingAreFailures()
    {
        Assert.That(new[] { "installed", "pending", "removed", "expired" }.All(SpecStatus.IsSuccess), Is.True);
        Assert.That(new[] { "error", "waiting" }.Any(SpecStatus.IsSuccess), Is.False);
        Assert.That(SpecStatus.Describe("pending", "why"), Is.EqualTo("pending: why"));
        Assert.That(SpecStatus.Describe("installed", null), Is.EqualTo("installed"));
    }

    private static Spec Spec(double? lifespan) => SpecSet.Parse(
        "{\"s\": {\"target\": \"A.B.M\", \"instrument\": {\"type\": \"log\", \"name\": \"n\", \"value\": \"result\"}, \"lastmodified\": \"2026-11-22T10:00:00Z\""
        + (lifespan is null ? string.Empty : $", \"lifespan\": {lifespan.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}") + "}}")["s"];
}
