using System.Text.RegularExpressions;
using Diagnose.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace Diagnose.EndToEnd.Tests.Probes;

/// <summary>Issue 5, part 5: probes added and removed 500 times while 8 threads call the method.</summary>
public sealed class ConcurrencyTests
{
    [Test]
    public void EveryCallMadeWhileTheProbeWasFullyInstalledIsCountedAndNoResultIsWrong()
    {
        using var app = TargetApp.Launch(Installation.InProcessTarget, [], new Dictionary<string, string> { ["DIAGNOSE_HOME"] = Installation.Out });

        var result = app.Send("stress 8 500").Result;

        var match = Regex.Match(result, @"^= calls=(\d+) fully=(\d+) missed=(\d+) wrong=(\d+)$");
        Assert.That(match.Success, result);
        Assert.That(long.Parse(match.Groups[2].Value), Is.GreaterThanOrEqualTo(500 * 20), "each round waits for 20 calls made fully under the probe: " + result);
        Assert.That(long.Parse(match.Groups[3].Value), Is.Zero, "missed: " + result);
        Assert.That(long.Parse(match.Groups[4].Value), Is.Zero, "wrong results: " + result);
        Assert.That(app.Exit(), Is.EqualTo(0), "the process survived");
    }
}
