using Diagnose.Cli.Otlp;
using NUnit.Framework;

namespace Diagnose.Tests.Cli.Otlp;

/// <summary>Probe tags as attributes, probe names as OpenTelemetry instrument names.</summary>
public sealed class OtlpNamesTests
{
    [TestCase("region:eu", "region", "eu")]
    [TestCase("url:http://x:1", "url", "http://x:1")]
    [TestCase("canary", "canary", "")]
    [TestCase(":odd", ":odd", "")]
    public void ATagIsSplitAtItsFirstColon(string tag, string key, string value)
    {
        Assert.That(OtlpNames.Attribute(tag), Is.EqualTo(new KeyValuePair<string, object?>(key, value)));
    }

    [TestCase("order.total", "order.total")]
    [TestCase("http/requests-in_flight", "http/requests-in_flight")]
    [TestCase("orders per second", "orders_per_second")]
    [TestCase("9lives", "diagnose.9lives")]
    [TestCase("", "diagnose.")]
    public void AnInstrumentNameIsMadeOneOpenTelemetryAccepts(string name, string expected)
    {
        Assert.That(OtlpNames.Instrument(name), Is.EqualTo(expected));
    }

    [Test]
    public void AnInstrumentNameIsCutAt255Characters()
    {
        Assert.That(OtlpNames.Instrument(new string('a', 300)), Has.Length.EqualTo(255));
    }
}
