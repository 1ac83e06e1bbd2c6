using Diagnose.Protocol.Channel;
using Diagnose.Protocol.Specs;
using NUnit.Framework;

namespace Diagnose.Tests.Channel;

/// <summary>Results as JSON: what the agent writes, the tool reads, leniently.</summary>
public sealed class ChannelResultTests
{
    private static readonly AgentInfo Agent = new(1, "1.2.3", "10.0.0", 4242, "web-1:4242", "/etc/diagnose");

    [Test]
    public void AResultRoundTripsWithSpecsAppliedEntriesAndProbes()
    {
        var spec = SpecSet.Parse("""{"a": {"target": "A.B.M", "instrument": {"type": "log", "name": "n", "value": "result"}, "lastmodified": "2026-11-22T10:00:00Z"}}""")["a"];
        spec.SetApplied("web-1:4242", new AppliedEntry("2026-11-22T10:00:00Z", null));
        var result = new ChannelResult(
            "list",
            true,
            null,
            Agent,
            [SpecReport.For(spec, SpecReport.ChannelSource, "web-1:4242", DateTimeOffset.UnixEpoch)],
            [new ProbeReport("A.B.M", "installed", null, ["n"])]);

        var read = ChannelResult.Parse(result.ToJson(), out var error)!;

        Assert.That(error, Is.Null);
        Assert.That(read.Version, Is.EqualTo(ChannelContract.Version));
        Assert.That(read.Ok, Is.True);
        Assert.That(read.Agent, Is.EqualTo(Agent));
        var report = read.Specs.Single();
        Assert.That((report.Id, report.Source, report.Target, report.Status, report.Reason), Is.EqualTo(("a", "channel", "A.B.M", "installed", (string?)null)));
        Assert.That(report.Spec!.Applied["web-1:4242"], Is.EqualTo(new AppliedEntry("2026-11-22T10:00:00Z", null)));
        Assert.That(report.Line, Is.EqualTo("a\tA.B.M\tinstalled"));
        var probe = read.Probes.Single();
        Assert.That((probe.Target, probe.State, probe.Error), Is.EqualTo(("A.B.M", "installed", (string?)null)));
        Assert.That(probe.Instruments, Is.EqualTo(new[] { "n" }));
    }

    [Test]
    public void AFailureCarriesItsReason()
    {
        var read = ChannelResult.Parse(ChannelResult.Failure("nope", "the agent does not know the command 'nope'", Agent).ToJson(), out _)!;

        Assert.That(read.Ok, Is.False);
        Assert.That(read.Error, Is.EqualTo("the agent does not know the command 'nope'"));
        Assert.That(read.Specs, Is.Empty);
    }

    [Test]
    public void MissingAndMistypedFieldsReadAsAbsent()
    {
        var read = ChannelResult.Parse("""{"v": 9, "ok": "yes", "agent": [], "specs": [{"id": "x", "status": 3}], "probes": 5, "later": true}""", out var error)!;

        Assert.That(error, Is.Null);
        Assert.That(read.Version, Is.EqualTo(9));
        Assert.That(read.Ok, Is.False);
        Assert.That(read.Agent, Is.Null);
        Assert.That(read.Specs.Single().Status, Is.EqualTo(SpecStatus.Waiting));
        Assert.That(read.Probes, Is.Empty);
    }

    [TestCase("", "the agent's answer is not valid JSON")]
    [TestCase("\"text\"", "the agent's answer must be a JSON object, got \"text\"")]
    public void AnAnswerThatIsNotAResultIsReported(string json, string reason)
    {
        Assert.That(ChannelResult.Parse(json, out var error), Is.Null);
        Assert.That(error, Does.StartWith(reason));
    }
}
