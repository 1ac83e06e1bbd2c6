using Diagnose.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace Diagnose.EndToEnd.Tests.Deploy;

/// <summary>
/// The Kubernetes arrangement of deploy/kubernetes without Kubernetes: the app and the sidecar each in a mount
/// namespace of its own (unshare), sharing the process namespace and /tmp only. The app's namespace hides out/
/// (its "image" holds nothing of Diagnose); the sidecar's hides the app's files. The sidecar attaches and probes the
/// app, which loads the copy of the profiler and the agent the sidecar made in the shared /tmp.
/// </summary>
public sealed class SeparateContainersTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Test]
    public void TheSidecarProbesAnAppThatCannotSeeTheInstallation()
    {
        if (WhyNoNamespaces() is { } whyNot)
        {
            Assert.Ignore(whyNot);
        }

        var folder = Directory.CreateTempSubdirectory("diagnose-containers-test-").FullName;
        var image = Directory.CreateDirectory(Path.Combine(folder, "app")).FullName;
        var marker = $"--containers-test-{Guid.NewGuid():N}";
        var sample = Path.GetDirectoryName(Installation.Target(TargetRuntime.Net10))!;
        string? copy = null;
        try
        {
            using var specs = new SpecFile().Add("adds", "Sample.Calculator.Add13", "arg", @event: "call").Save();

            // The app's container: its image (the sample, bound where only it sees it) and no out/.
            using (var app = TargetApp.Launch("unshare", ["--mount", "--propagation", "private", "--", "sh", "-c",
                       """mount --bind "$1" "$2" && mount -t tmpfs -o size=1m diagnose-hidden "$3" && exec "$2/Sample" "$4" """,
                       "app", sample, image, Installation.Out, marker]))

            // The sidecar's container: out/ (its image), but not the app's files.
            using (var sidecar = BackgroundTool.StartUnder("unshare", ["--mount", "--propagation", "private", "--", "sh", "-c",
                       """mount -t tmpfs -o size=1m diagnose-hidden "$1" && shift && exec "$@" """,
                       "sidecar", Path.Combine(Installation.Out, "targets"), Installation.Diagnose, "sidecar", "--store", Path.GetDirectoryName(specs.Path)!, "--interval", "0.5", "--match", marker]))
            {
                Assert.That(File.Exists($"/proc/{app.Pid}/root{Installation.Diagnose}"), Is.False, "the app's namespace must not see out/");
                Assert.That(Directory.GetFileSystemEntries($"/proc/{app.Pid}/root{Installation.Out}"), Is.Empty);
                Assert.That(specs.WaitApplied(app.Pid, "adds", Patience), Is.Null, sidecar.ToString());

                Assert.That(app.Send("add13 5").ProbeLines, Is.EqualTo(new[] { "Probe (adds)[tags=[]] = 5" }));
                var loaded = TargetMaps.Diagnose(app.Pid);
                var profiler = loaded.Single(p => p.EndsWith("/libDiagnose.Profiler.so", StringComparison.Ordinal));
                copy = Path.GetDirectoryName(Path.GetDirectoryName(profiler))!;
                Assert.That(Path.GetDirectoryName(copy), Is.EqualTo("/tmp"), $"loaded: {string.Join(", ", loaded)}");
                Assert.That(loaded, Has.All.StartWith(copy + "/"), "the app loads the copy in the shared /tmp only");
                Assert.That(File.Exists(Path.Combine(copy, "agent", "Diagnose.Agent.dll")), Is.True);
                Assert.That(sidecar.Stop(), Is.EqualTo(0), sidecar.ToString());
                Assert.That(app.Exit(), Is.EqualTo(0), app.StandardError);
            }
        }
        finally
        {
            if (copy is not null && Path.GetFileName(copy).StartsWith("diagnose-", StringComparison.Ordinal))
            {
                Directory.Delete(copy, recursive: true);
            }

            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Null when mount namespaces can be made here (root, unshare), else why not.</summary>
    private static string? WhyNoNamespaces()
    {
        if (Environment.UserName != "root")
        {
            return $"the tests run as {Environment.UserName}, not root: unshare cannot make mount namespaces with mounts in them";
        }

        var run = ToolRun.Program("unshare", ["--mount", "--propagation", "private", "--", "true"], "/", new Dictionary<string, string?>(), TimeSpan.FromSeconds(30));
        return run.ExitCode == 0 ? null : $"unshare --mount does not work here: {run}";
    }
}
