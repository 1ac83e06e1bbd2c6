using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Diagnose.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace Diagnose.EndToEnd.Tests.Cli;

/// <summary>
/// <c>diagnose doctor</c> on real processes: it says attach would work exactly when attach then works, and each
/// arrangement that stops attach (diagnostics off, another profiler, a /tmp of its own, an installation the process
/// cannot see, another user's process, not a .NET process) fails with its own line and fix.
/// </summary>
[NonParallelizable]
public sealed class DoctorTests
{
    [TestCase(TargetRuntime.Net10, ".NET 10.")]
    [TestCase(TargetRuntime.Net8, ".NET 8.")]
    public void APlainProcessPassesAndAttachThenWorksAndDoctorSeesTheAgent(TargetRuntime runtime, string version)
    {
        using var app = TargetApp.Start(runtime, StartMode.Attached, attachNow: false);
        var pid = app.Pid.ToString(CultureInfo.InvariantCulture);

        var before = ToolRun.Of("doctor", pid);

        Assert.That(before.ExitCode, Is.EqualTo(0), before.ToString());
        Assert.That(before.Output, Does.Match($@"(?m)^ok +runtime +{version.Replace(".", @"\.")}"), before.ToString());
        Assert.That(before.Output, Does.Match($@"(?m)^ok +socket +/tmp/dotnet-diagnostic-{pid}-\d+-socket answers"), before.ToString());
        Assert.That(before.Output, Does.Match($@"(?m)^ok +agent +Diagnose is not loaded: 'diagnose attach {pid}' loads it"), before.ToString());
        Assert.That(before.Output, Does.Not.Contain("FAIL"), before.ToString());
        Assert.That(before.Output.TrimEnd(), Does.EndWith($"attach to {pid} would work"));

        Assert.That(app.AttachNow(null).ExitCode, Is.EqualTo(0), app.Attach!.ToString());
        var after = ToolRun.Of("doctor", pid);

        Assert.That(after.ExitCode, Is.EqualTo(0), after.ToString());
        Assert.That(after.Output, Does.Match(@"(?m)^ok +profiler +Diagnose's \(.*/libDiagnose\.Profiler\.so\)"), after.ToString());
        Assert.That(after.Output, Does.Match(@"(?m)^ok +agent +Diagnose \d+\.\d+\.\d+ is loaded and answers"), after.ToString());
        Assert.That(app.Send("add13 5").Result, Is.EqualTo("= 18"), "the target is unaffected");
    }

    [Test]
    public void JsonHasEveryCheckWithItsStatus()
    {
        using var app = TargetApp.Start(TargetRuntime.Net10, StartMode.Attached, attachNow: false);

        var run = ToolRun.Of("doctor", app.Pid.ToString(CultureInfo.InvariantCulture), "--json");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        Assert.That(json.RootElement.GetProperty("pid").GetInt32(), Is.EqualTo(app.Pid));
        Assert.That(json.RootElement.GetProperty("ok").GetBoolean(), Is.True);
        var checks = json.RootElement.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString());
        Assert.That(checks.Keys, Is.SupersetOf(new[] { "process", "runtime", "diagnostics", "socket", "tmp", "profiler", "agent", "installation", "container" }));
        Assert.That(checks.Values, Is.All.EqualTo("ok"));
    }

    [Test]
    public void DiagnosticsSwitchedOffFailsWithTheVariableAndAttachFailsToo()
    {
        using var app = TargetApp.Start(TargetRuntime.Net10, StartMode.Attached, environment: new Dictionary<string, string> { ["DOTNET_EnableDiagnostics"] = "0" }, attachNow: false);
        var pid = app.Pid.ToString(CultureInfo.InvariantCulture);

        var run = ToolRun.Of("doctor", pid);

        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(run.Output, Does.Match(@"(?m)^FAIL +diagnostics +switched off: DOTNET_EnableDiagnostics=0$"), run.ToString());
        Assert.That(run.Output, Does.Match(@"(?m)^ +fix: restart the process without that variable"), run.ToString());
        Assert.That(run.Output.TrimEnd(), Does.EndWith($"attach to {pid} would not work: 2 problems above"), "diagnostics and socket");
        Assert.That(app.AttachNow(null).ExitCode, Is.EqualTo(3), app.Attach!.ToString());
    }

    [Test]
    public void AnotherProfilerLoadedAtStartIsNamedAndAttachIsRefused()
    {
        // Another product's profiler: the same library under another name, loaded by the runtime at start.
        var folder = Directory.CreateTempSubdirectory("diagnose-doctor-").FullName;
        var other = Path.Combine(folder, "libAcmeProfiler.so");
        File.Copy(Installation.ProfilerPath, other);
        try
        {
            using var app = TargetApp.Start(TargetRuntime.Net10, StartMode.Attached, attachNow: false, environment: new Dictionary<string, string>
            {
                ["CORECLR_ENABLE_PROFILING"] = "1",
                ["CORECLR_PROFILER"] = "{8A3E5F21-4C7D-4E2B-9B1A-D1A6C0F3E742}",
                ["CORECLR_PROFILER_PATH"] = other,
            });
            Assert.That(File.ReadAllText($"/proc/{app.Pid}/maps"), Does.Contain(other), "the runtime loaded it");

            var run = ToolRun.Of("doctor", app.Pid.ToString(CultureInfo.InvariantCulture));

            Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
            Assert.That(run.Output, Does.Match($@"(?m)^FAIL +profiler +another profiler is loaded: {other.Replace(".", @"\.")}; a process has one profiler$"), run.ToString());
            var attach = app.AttachNow(null);
            Assert.That(attach.ExitCode, Is.EqualTo(3), attach.ToString());
            Assert.That(attach.Error, Does.Contain("already has another profiler loaded"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void AProcessWithItsOwnTmpFailsTheSocketAndTmpChecks()
    {
        // A container without a shared /tmp: the process's own mount namespace with a tmpfs at /tmp.
        // The target is bound at /mnt first: the build tree may itself be under /tmp (a clone in /tmp).
        var target = Installation.Target(TargetRuntime.Net10);
        using var app = InOwnMountNamespace($"mount --bind '{Path.GetDirectoryName(target)}' /mnt && mount -t tmpfs diagnose-doctor /tmp", Path.Combine("/mnt", Path.GetFileName(target)));
        var pid = app.Pid.ToString(CultureInfo.InvariantCulture);

        var run = ToolRun.Of("doctor", pid);

        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(run.Output, Does.Match($@"(?m)^FAIL +socket +/tmp/dotnet-diagnostic-{pid}-\d+-socket is in the process's own /tmp, not in this tool's$"), run.ToString());
        Assert.That(run.Output, Does.Contain($"nsenter -t {pid} -m"), run.ToString());
        Assert.That(run.Output, Does.Match(@"(?m)^FAIL +tmp +not shared"), run.ToString());
        Assert.That(ToolRun.Of("attach", pid).ExitCode, Is.EqualTo(3), "attach cannot reach it either");
    }

    [Test]
    public void AProcessThatCannotSeeTheInstallationIsWarnedAndAttachCopiesIt()
    {
        // /tmp shared, but Diagnose's files hidden from the process (an app image without Diagnose in it).
        var native = Path.GetDirectoryName(Installation.ProfilerPath)!;
        var agent = Path.GetDirectoryName(Installation.AgentPath)!;
        using var app = InOwnMountNamespace($"mount -t tmpfs diagnose-doctor '{native}' && mount -t tmpfs diagnose-doctor '{agent}'");
        var pid = app.Pid.ToString(CultureInfo.InvariantCulture);

        var run = ToolRun.Of("doctor", pid);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Output, Does.Match(@"(?m)^ok +tmp +shared: the process has its own mount namespace"), run.ToString());
        Assert.That(run.Output, Does.Contain($"warn  installation  the process cannot see {Installation.ProfilerPath} and {Installation.AgentPath} (it has its own mount namespace); attach copies them into the /tmp it shares"), run.ToString());
        var attach = ToolRun.Of("attach", pid);
        Assert.That(attach.ExitCode, Is.EqualTo(0), "as doctor said: " + attach);
        Assert.That(app.Send("add13 5").Result, Is.EqualTo("= 18"));
    }

    [Test]
    public void AnotherUsersProcessFailsWithWhoseItIs()
    {
        if (OtherUser.WhyUnavailable() is { } why)
        {
            Assert.Ignore(why);
        }

        using var app = TargetApp.Start(TargetRuntime.Net10, StartMode.Attached, attachNow: false);
        var pid = app.Pid.ToString(CultureInfo.InvariantCulture);

        var run = ToolRun.AsOtherUser("doctor", pid);

        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(run.Output, Does.Match($@"(?m)^FAIL +process +{pid} Sample belongs to root, not to you \(nobody\)$"), run.ToString());
        Assert.That(run.Output, Does.Contain($"fix: run diagnose as that user: sudo -u root diagnose doctor {pid}"), run.ToString());
    }

    [Test]
    public void NotADotnetProcessOrNoProcessFails()
    {
        using var sleep = Process.Start(new ProcessStartInfo("sleep", "600") { UseShellExecute = false })!;
        try
        {
            var native = ToolRun.Of("doctor", sleep.Id.ToString(CultureInfo.InvariantCulture));
            Assert.That(native.ExitCode, Is.EqualTo(1), native.ToString());
            Assert.That(native.Output, Does.Match(@"(?m)^FAIL +runtime +no CoreCLR runtime is loaded"), native.ToString());
            Assert.That(native.Output, Does.Not.Contain("socket"), "nothing below the runtime applies");
        }
        finally
        {
            sleep.Kill();
            sleep.WaitForExit();
        }

        var gone = ToolRun.Of("doctor", "999999999");
        Assert.That(gone.ExitCode, Is.EqualTo(1), gone.ToString());
        Assert.That(gone.Output, Does.Contain("FAIL  process  process 999999999 was not found"), gone.ToString());
        Assert.That(gone.Output, Does.Contain("'diagnose ps' lists"), gone.ToString());
    }

    [Test]
    public void WithoutAProcessItChecksThisMachineAndTheStore()
    {
        var specs = Path.Combine(Path.GetTempPath(), $"diagnose-doctor-{Guid.NewGuid():N}.json");
        File.WriteAllText(specs, """{ "add": { "target": "Sample.Calculator.Add13", "instrument": { "type": "log", "name": "add", "value": "result" } } }""");
        try
        {
            var run = ToolRun.Of("doctor", "--store", specs);
            Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
            Assert.That(run.Output, Does.Match(@"(?m)^ok +installation +.*: profiler and agent present$"), run.ToString());
            Assert.That(run.Output, Does.Contain($"{specs}: 1 spec read"), run.ToString());
            Assert.That(run.Output.TrimEnd(), Does.EndWith("this machine is set up for attach"));
        }
        finally
        {
            File.Delete(specs);
        }

        var missing = ToolRun.Of("doctor", "--store", "/no/such/store");
        Assert.That(missing.ExitCode, Is.EqualTo(1), missing.ToString());
        Assert.That(missing.Output, Does.Match(@"(?m)^FAIL +store +/no/such/store cannot be read: --store: /no/such/store is neither a file, a directory nor a postgres:// address$"), missing.ToString());
        Assert.That(ToolRun.Of("doctor", "0").ExitCode, Is.EqualTo(2), "a pid of 0 is a usage error");
    }

    /// <summary>The .NET 10 target (or <paramref name="program"/>) in a mount namespace of its own (root only), after <paramref name="setup"/> ran in it.</summary>
    private static TargetApp InOwnMountNamespace(string setup, string? program = null)
    {
        if (Environment.UserName != "root")
        {
            Assert.Ignore($"the tests run as {Environment.UserName}, not root: unshare --mount needs root");
        }

        return TargetApp.Launch("unshare", ["--mount", "--propagation", "private", "sh", "-c", $"{setup} && exec '{program ?? Installation.Target(TargetRuntime.Net10)}'"]);
    }
}
