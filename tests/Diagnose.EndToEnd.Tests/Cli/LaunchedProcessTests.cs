using Diagnose.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace Diagnose.EndToEnd.Tests.Cli;

/// <summary>A process started with <c>diagnose run</c> (no specs) takes probes through the channel from its first line on.</summary>
[TestFixture(TargetRuntime.Net10)]
[TestFixture(TargetRuntime.Net8)]
public sealed class LaunchedProcessTests(TargetRuntime runtime)
{
    [Test]
    public void ProbesCanBeAddedAndListedWithoutAttaching()
    {
        using var app = TargetApp.Launch(Installation.Diagnose, ["run", "--", Installation.Target(runtime)]);
        var pid = app.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var add = ToolRun.Of("probe", "add", pid, "Sample.Calculator.Greet", "--value", "$\"{name} x{times} = {result}\"", "--id", "greet");
        var call = app.Send("greet ab 3");
        var ls = ToolRun.Of("probe", "ls", pid);
        var ps = ToolRun.Of("ps");

        Assert.That(add.Output, Is.EqualTo("greet\tSample.Calculator.Greet\tinstalled\n"), add.ToString());
        Assert.That(call.ProbeLines, Is.EqualTo(new[] { "Probe (Sample.Calculator.Greet)[tags=[]] = ab x3 = ababab" }));
        Assert.That(call.Result, Is.EqualTo("= ababab"));
        Assert.That(ls.Output, Does.Contain("greet  channel  Sample.Calculator.Greet"));
        Assert.That(ps.Output, Does.Match($@"(?m)^{app.Pid} +agent +"));
    }
}
