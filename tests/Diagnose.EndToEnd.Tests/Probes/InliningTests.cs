using Diagnose.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace Diagnose.EndToEnd.Tests.Probes;

/// <summary>
/// "Comprehensive": a small method the JIT already inlined into a hot loop of a running process is seen at that call
/// site once the probe starts — every call, none missed — and the results stay right after the probe is removed.
/// </summary>
[TestFixture(TargetRuntime.Net10, StartMode.Launched)]
[TestFixture(TargetRuntime.Net10, StartMode.Attached)]
[TestFixture(TargetRuntime.Net8, StartMode.Launched)]
[TestFixture(TargetRuntime.Net8, StartMode.Attached)]
public sealed class InliningTests(TargetRuntime runtime, StartMode mode)
{
    [Test]
    public void AMethodInlinedIntoAHotLoopIsSeenOnEveryCallAfterTheProbeStarts()
    {
        var disassembly = Path.Combine(Path.GetTempPath(), $"diagnose-jit-{Guid.NewGuid():N}.txt");
        var jit = new Dictionary<string, string> { ["DOTNET_JitDisasm"] = "Loop", ["DOTNET_JitStdOutFile"] = disassembly };
        using var specs = new SpecFile();
        using var app = TargetApp.Start(runtime, mode, specs.Path, jit, attachNow: false);

        // Before the probe: tiering has compiled Loop at tier 1 with Small inlined (no call left in its code). Tiering
        // waits until no method was JIT-compiled for a while (the agent's warm-up compiles many): warm until it happened.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        do
        {
            app.Send("warm 6");
        }
        while (TierOneCode(disassembly) is null && DateTime.UtcNow < deadline);

        Assert.That(TierOneCode(disassembly), Is.Not.Null.And.Not.Contain("call"), "precondition: Small is inlined into Loop's tier-1 code");

        specs.Add("small", "Sample.Hot.Small", "x", @event: "call").Save();
        if (mode == StartMode.Attached)
        {
            Assert.That(app.AttachNow(specs.Path).ExitCode, Is.EqualTo(0), app.Attach!.ToString());
        }

        Assert.That(specs.WaitApplied(app.Pid, "small"), Is.Null);
        var probed = app.Send("hot 20");

        Assert.That(probed.ProbeLines, Is.EqualTo(Enumerable.Range(0, 20).Select(i => $"Probe (small)[tags=[]] = {i}")));
        Assert.That(probed.Result, Is.EqualTo("= 210"));

        specs.Remove("small").Add("sentinel", "Sample.Calculator.Square", "x").Save();
        specs.WaitApplied(app.Pid, "sentinel");
        var restored = app.Send("hot 20");

        Assert.That(restored.ProbeLines, Is.Empty);
        Assert.That(restored.Result, Is.EqualTo("= 210"));
        File.Delete(disassembly);
    }

    /// <summary>The assembly code of Loop's full tier-1 version, or null when the JIT never produced one.</summary>
    private static string? TierOneCode(string disassembly)
    {
        var text = File.Exists(disassembly) ? File.ReadAllText(disassembly) : string.Empty;
        var start = text.IndexOf("Sample.Hot:Loop(int):long (Tier1)", StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        var end = text.IndexOf("; Assembly listing", start + 1, StringComparison.Ordinal);
        return end < 0 ? text[start..] : text[start..end];
    }
}
