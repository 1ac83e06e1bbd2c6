using System.Diagnostics;
using Diagnose.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace Diagnose.EndToEnd.Tests.Tool;

/// <summary>Bad input gets a clear error and the right exit code; neither the tool nor the target crashes.</summary>
public sealed class BadInputTests
{
    [Test]
    public void AttachingToAProcessThatDoesNotExistExitsWithThree()
    {
        var run = ToolRun.Of("attach", "999999");

        Assert.That(run.ExitCode, Is.EqualTo(3), run.ToString());
        Assert.That(run.Error.Trim(), Is.EqualTo("diagnose: process 999999 was not found; 'diagnose ps' lists the .NET processes you can reach"));
    }

    [Test]
    public void AttachingToAProcessThatIsNotDotNetExitsWithThree()
    {
        using var sleeper = Process.Start(new ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;

        // A .NET process killed earlier under the same pid left its socket behind (its key is another start time).
        var stale = Path.Combine("/tmp", $"dotnet-diagnostic-{sleeper.Id}-1-socket");
        File.WriteAllText(stale, string.Empty);
        try
        {
            var run = ToolRun.Of("attach", sleeper.Id.ToString());

            Assert.That(run.ExitCode, Is.EqualTo(3), run.ToString());
            Assert.That(run.Error, Does.StartWith($"diagnose: process {sleeper.Id} is not a .NET process that can be reached"));
        }
        finally
        {
            sleeper.Kill();
            File.Delete(stale);
        }
    }

    [TestCase(TargetRuntime.Net10)]
    [TestCase(TargetRuntime.Net8)]
    public void AttachingWhereAnotherProfilerIsLoadedExitsWithThreeAndTheTargetKeepsWorking(TargetRuntime runtime)
    {
        // Another profiler: a copy of ours under another name, loaded at start the way any vendor's would be.
        var other = Path.Combine(Path.GetTempPath(), $"libOtherVendor-{Guid.NewGuid():N}.so");
        File.Copy(Installation.ProfilerPath, other);
        var environment = new Dictionary<string, string>
        {
            ["CORECLR_ENABLE_PROFILING"] = "1",
            ["CORECLR_PROFILER"] = "{8A3E5F21-4C7D-4E2B-9B1A-D1A6C0F3E742}",
            ["CORECLR_PROFILER_PATH"] = other,
        };
        using var app = TargetApp.Start(runtime, StartMode.Attached, environment: environment, attachNow: false);

        var run = app.AttachNow(null);

        Assert.That(run.ExitCode, Is.EqualTo(3), run.ToString());
        Assert.That(run.Error, Does.Contain("already has another profiler loaded"));
        Assert.That(app.Send("add13 5").Result, Is.EqualTo("= 18"));
        Assert.That(app.Exit(), Is.EqualTo(0));
        File.Delete(other);
    }

    [TestCase("attach", "notapid")]
    [TestCase("attach")]
    [TestCase("run")]
    [TestCase("frobnicate")]
    [TestCase("attach", "1", "--specs", "/no/such/specs.json")]
    public void UsageErrorsExitWithTwo(params string[] arguments)
    {
        var run = ToolRun.Of(arguments);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Error, Does.StartWith("diagnose: "));
        Assert.That(run.Error, Does.Not.Contain("   at "), "no stack trace");
    }

    [Test]
    public void ASpecFileThatIsNotJsonLeavesALaunchedTargetServing()
    {
        using var specs = new SpecFile();
        specs.SaveText("{ \"broken\": ");
        using var app = TargetApp.Start(TargetRuntime.Net10, StartMode.Launched, specs.Path);

        Assert.That(app.Send("add13 5").Result, Is.EqualTo("= 18"));
        Assert.That(app.Send("divide 9 3").Result, Is.EqualTo("= 3"));
        Assert.That(app.Exit(4), Is.EqualTo(4));
    }
}
