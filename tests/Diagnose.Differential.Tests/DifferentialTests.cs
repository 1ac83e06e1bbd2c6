using System.Text.Json;
using Diagnose.Differential.Tests.Support;
using NUnit.Framework;

namespace Diagnose.Differential.Tests;

/// <summary>
/// Runs the differential host plain and with a probe on every method of Newtonsoft.Json, Markdig, YamlDotNet and
/// NodaTime (a shorter workload than build/differential.sh runs), as two processes, and holds the probed run to the
/// promise that a probe changes nothing a method returns or throws.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class DifferentialTests
{
    /// <summary>Inputs per kind of case in CI: every method is still probed; the workload is shorter.</summary>
    private const int CiInputs = 16;

    private const double RequiredCoverage = 0.99;

    private static readonly string[] s_libraries = ["Newtonsoft.Json", "Markdig", "YamlDotNet", "NodaTime"];

    private HostRun _plain = null!;
    private HostRun _probed = null!;
    private Dictionary<string, JsonElement> _probing = null!;

    [OneTimeSetUp]
    public void RunPlainAndProbed()
    {
        var report = Path.Combine(Path.GetTempPath(), $"diagnose-differential-{Environment.ProcessId}.json");
        _plain = HostRun.Start("--plain", "--inputs", CiInputs.ToString());
        _probed = HostRun.Start("--probed", "--inputs", CiInputs.ToString(), "--report", report);
        TestContext.Progress.WriteLine($"plain run {_plain.Elapsed.TotalSeconds:F0} s, probed run {_probed.Elapsed.TotalSeconds:F0} s\n{_probed.Errors}");
        _probing = File.Exists(report)
            ? JsonDocument.Parse(File.ReadAllText(report)).RootElement.GetProperty("Libraries").EnumerateArray()
                .ToDictionary(l => l.GetProperty("Library").GetString()!, l => l.GetProperty("Probing"))
            : new Dictionary<string, JsonElement>();
        File.Delete(report);
    }

    [Test]
    public void NeitherRunCrashes()
    {
        Assert.That(_plain.Crash(), Is.Null, $"plain run:\n{_plain.Errors}");
        Assert.That(_probed.Crash(), Is.Null, $"probed run:\n{_probed.Errors}");
    }

    [Test]
    public void AProbeOnEveryMethodChangesNoOutput()
    {
        Assert.That(_plain.Output, Does.Contain("\nend "), "the plain run printed no complete output");
        Assert.That(OutputDifference.Describe(_plain.Output, _probed.Output), Is.Null);
    }

    [TestCaseSource(nameof(s_libraries))]
    public void EveryMethodWithILIsInstrumented(string library)
    {
        var probing = Probing(library);
        var withIL = probing.GetProperty("MethodsWithIL").GetInt32();
        var instrumented = probing.GetProperty("Instrumented").GetInt32();
        TestContext.Out.WriteLine($"{library}: {instrumented} of {withIL} methods with IL instrumented");
        Assert.That(withIL, Is.GreaterThan(1000), "the library was not inventoried");
        Assert.That((double)instrumented / withIL, Is.GreaterThanOrEqualTo(RequiredCoverage),
            $"failed: {string.Join("\n", probing.GetProperty("Failed").EnumerateArray().Take(20))}");
    }

    [TestCaseSource(nameof(s_libraries))]
    public void NoInstrumentFailsAndNoRewrittenBodyIsRejectedWhileTheWorkloadRuns(string library)
    {
        var probing = Probing(library);
        Assert.That(probing.GetProperty("RuntimeErrors").EnumerateArray().Select(e => e.GetString()), Is.Empty);
        Assert.That(probing.GetProperty("CodeStates").EnumerateObject().Select(s => s.Name), Has.None.StartsWith("Failed"));
    }

    [TestCaseSource(nameof(s_libraries))]
    public void TheWorkloadRunsThroughTheProbes(string library)
    {
        var probing = Probing(library);
        Assert.That(probing.GetProperty("MethodsHit").GetInt32(), Is.GreaterThan(300), "methods whose probed body ran");
        Assert.That(probing.GetProperty("CallHits").GetInt64(), Is.GreaterThan(10_000));
        Assert.That(probing.GetProperty("ReturnHits").GetInt64(), Is.GreaterThan(10_000));
    }

    private JsonElement Probing(string library) =>
        _probing.TryGetValue(library, out var probing) ? probing : throw new AssertionException($"the probed run reported nothing on {library}:\n{_probed.Errors}");
}
