using Diagnose.Cli.Otlp;
using NUnit.Framework;

namespace Diagnose.Tests.Cli.Otlp;

/// <summary>The resource a target process's data is exported under, and what OTEL_* variables change in it.</summary>
[NonParallelizable] // sets environment variables of the test process
public sealed class ProcessResourceTests
{
    private const int Pid = 4242;

    [Test]
    public void TheResourceNamesTheProcessItsHostAndItsDiagnoseKey()
    {
        var attributes = Resource();

        Assert.That(attributes["service.name"], Is.EqualTo("Sample"));
        Assert.That(attributes["service.instance.id"], Is.EqualTo($"{Environment.MachineName}:{Pid}"));
        Assert.That(attributes["host.name"], Is.EqualTo(Environment.MachineName));
        Assert.That(attributes["process.pid"], Is.EqualTo((long)Pid));
        Assert.That(attributes["telemetry.sdk.name"], Is.EqualTo("opentelemetry"));
    }

    [Test]
    public void OtelServiceNameAndResourceAttributesOverrideTheNameAndAddAttributesButNotThePid()
    {
        Environment.SetEnvironmentVariable("OTEL_SERVICE_NAME", "checkout");
        Environment.SetEnvironmentVariable("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=prod,process.pid=1");
        try
        {
            var attributes = Resource();

            Assert.That(attributes["service.name"], Is.EqualTo("checkout"));
            Assert.That(attributes["deployment.environment"], Is.EqualTo("prod"));
            Assert.That(attributes["process.pid"], Is.EqualTo((long)Pid));
        }
        finally
        {
            Environment.SetEnvironmentVariable("OTEL_SERVICE_NAME", null);
            Environment.SetEnvironmentVariable("OTEL_RESOURCE_ATTRIBUTES", null);
        }
    }

    private static Dictionary<string, object> Resource() =>
        ProcessResource.For(Pid, "Sample").Build().Attributes.ToDictionary(a => a.Key, a => a.Value);
}
