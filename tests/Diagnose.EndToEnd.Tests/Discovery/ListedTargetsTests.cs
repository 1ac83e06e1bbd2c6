using System.Globalization;
using Diagnose.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace Diagnose.EndToEnd.Tests.Discovery;

/// <summary>What <c>methods</c> lists as a target is what <c>probe add</c> takes, compiler-generated names and overloads included.</summary>
[TestFixture(TargetRuntime.Net10)]
[TestFixture(TargetRuntime.Net8)]
public sealed class ListedTargetsTests
{
    private readonly TargetRuntime _runtime;

    public ListedTargetsTests(TargetRuntime runtime) => _runtime = runtime;

    [Test]
    public void EveryListedTargetIsOneProbeAddAccepts()
    {
        using var app = TargetApp.Start(_runtime, StartMode.Attached);
        Assert.That(app.Attach!.ExitCode, Is.EqualTo(0), app.Attach.ToString());
        var pid = app.Pid.ToString(CultureInfo.InvariantCulture);
        string[] targets = ["Sample.Closures+<>c.<SumOfSquares>b__0_0", "Sample.Closures.<SumOfSquares>g__Square|0_1", "Sample.Fetch+<GetAsync>d__0.MoveNext", "Sample.Customer..ctor(string, string)", "Sample.Generic.First"];
        var listing = ToolRun.Of("methods", pid, "Sample.");
        Assert.That(listing.ExitCode, Is.EqualTo(0), listing.ToString());
        var listed = listing.Output.Split('\n').Select(l => l.Split("  ")[0]).ToList();
        Assert.That(listed, Is.SupersetOf(targets));
        foreach (var target in targets)
        {
            var id = $"listed-{Array.IndexOf(targets, target)}";
            var add = ToolRun.Of("probe", "add", pid, target, "--type", "incr", "--id", id);
            Assert.That(add.Output.Trim(), Is.EqualTo($"{id}\t{target}\tinstalled"), add.ToString());
            Assert.That(ToolRun.Of("probe", "rm", pid, id).ExitCode, Is.EqualTo(0));
        }

        Assert.That(app.Send("squares 3").Result, Is.EqualTo("= 14"), "the target is unaffected");
    }
}
