using Diagnose.Cli;
using Diagnose.Cli.Specs;
using Diagnose.Protocol.Specs;
using NUnit.Framework;

namespace Diagnose.Tests.Cli;

/// <summary><c>probe add</c>'s options become the spec a spec file would hold.</summary>
public sealed class NewProbeSpecTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, 123, TimeSpan.Zero);

    [Test]
    public void EveryOptionLandsInItsField()
    {
        var spec = new NewProbeSpec("Sample.Checkout.Submit", "hist", "checkout.total", "order.Total", "end", "new { region = order.Region }", "order.Total > 10", 2.5, "totals")
            .Build(Now, () => "unused");

        Assert.That(spec.Id, Is.EqualTo("totals"));
        Assert.That(spec.Target, Is.EqualTo("Sample.Checkout.Submit"));
        Assert.That((spec.Instrument.Type, spec.Instrument.Name, spec.Instrument.Value, spec.Instrument.Event), Is.EqualTo(("hist", "checkout.total", "order.Total", "end")));
        Assert.That(spec.Instrument.Tags, Is.EqualTo("new { region = order.Region }"));
        Assert.That(spec.Instrument.Condition, Is.EqualTo("order.Total > 10"));
        Assert.That(spec.Lifespan, Is.EqualTo(2.5));
        Assert.That(spec.LastModified, Is.EqualTo(Now));
        Assert.That(spec.Expires, Is.EqualTo(Now.AddMinutes(2.5)));
    }

    [TestCase("log", "return", "result")]
    [TestCase("log", "end", "result")]
    [TestCase("log", "call", "args")]
    [TestCase("incr", "return", "1")]
    [TestCase("hist", "return", "elapsed")]
    [TestCase("test", "call", "result")]
    public void WithoutAValueEachTypeRecordsWhatItIsUsuallyFor(string type, string @event, string value)
    {
        var spec = new NewProbeSpec("A.B.M", type, Event: @event).Build(Now, () => "x");

        Assert.That(spec.Instrument.Value, Is.EqualTo(value));
        Assert.That(spec.Instrument.Name, Is.EqualTo("A.B.M"), "the name defaults to the target");
        Assert.That(spec.Instrument.Custom.GetRawText(), Is.EqualTo("{}"));
        Assert.That(spec.Lifespan, Is.Null);
    }

    [TestCase("gauge")]
    [TestCase("mine")]
    public void OtherTypesNeedAValue(string type)
    {
        var error = Assert.Throws<CliException>(() => new NewProbeSpec("A.B.M", type).Build(Now, () => "x"))!;

        Assert.That(error.ExitCode, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(error.Message, Is.EqualTo($"--value is needed for a '{type}' instrument (e.g. --value result, or --value \"order.Total\")"));
    }

    [TestCase("Sample.Calculator.Add13", "add13-3fa2c1")]
    [TestCase("[Sample]Sample.Calculator.Add13(int)", "add13-3fa2c1")]
    [TestCase("Ns.Outer+Inner.Get_Value", "get_value-3fa2c1")]
    [TestCase("Ns.Type..ctor", "ctor-3fa2c1")]
    [TestCase("Ns.Cache`1.Get", "get-3fa2c1")]
    public void TheDefaultIdIsTheMethodAndARandomSuffix(string target, string id)
    {
        Assert.That(new NewProbeSpec(target).Build(Now, () => "3fa2c1").Id, Is.EqualTo(id));
    }

    [Test]
    public void RateAndMaxHitsGoIntoCustom()
    {
        var spec = new NewProbeSpec("A.B.M", Rate: 0, MaxHits: 5).Build(Now, () => "x");

        Assert.That(spec.Instrument.Limits, Is.EqualTo(new GuardLimits(0, 5, null, null)));
    }

    [TestCase(-1.0, null, "--rate must be a number of fires per second, 0 or more (0: no limit), not -1")]
    [TestCase(null, 0L, "--max-hits must be 1 or more (the probe removes itself after that many fires), not 0")]
    public void ABadRateOrMaxHitsIsAUsageError(double? rate, long? maxHits, string message)
    {
        var error = Assert.Throws<CliException>(() => new NewProbeSpec("A.B.M", Rate: rate, MaxHits: maxHits).Build(Now, () => "x"))!;

        Assert.That(error.ExitCode, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(error.Message, Is.EqualTo(message));
    }

    [TestCase("return")]
    [TestCase("end")]
    public void ElapsedAsksTheAgentToKeepTheCallsElapsedTimes(string @event)
    {
        var spec = new NewProbeSpec("A.B.M", Event: @event, Elapsed: true).Build(Now, () => "x");

        Assert.That(spec.Instrument.Custom.GetProperty("elapsed").GetBoolean(), Is.True);
        Assert.That(new NewProbeSpec("A.B.M").Build(Now, () => "x").Instrument.Custom.TryGetProperty("elapsed", out _), Is.False, "off unless asked");
    }

    [Test]
    public void ElapsedOnACallProbeIsAUsageError()
    {
        var error = Assert.Throws<CliException>(() => new NewProbeSpec("A.B.M", Event: "call", Elapsed: true).Build(Now, () => "x"))!;

        Assert.That(error.ExitCode, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(error.Message, Is.EqualTo("--elapsed keeps the elapsed times of calls, which a 'call' probe does not see: use --event return or end"));
    }

    [Test]
    public void RandomSuffixesDiffer()
    {
        Assert.That(Enumerable.Range(0, 50).Select(_ => NewProbeSpec.RandomSuffix()).Distinct().Count(), Is.GreaterThan(45));
    }

    [Test]
    public void AnEmptyTargetIsAUsageErrorWithTheSpecsMessage()
    {
        var error = Assert.Throws<CliException>(() => new NewProbeSpec(" ").Build(Now, () => "x"))!;

        Assert.That(error.ExitCode, Is.EqualTo(ExitCodes.UsageError));
        Assert.That(error.Message, Does.StartWith("spec 'probe-x': 'target' must not be empty"));
    }
}
