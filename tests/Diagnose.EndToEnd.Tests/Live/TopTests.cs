using System.Globalization;
using Diagnose.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace Diagnose.EndToEnd.Tests.Live;

/// <summary>
/// <c>diagnose top</c> on a running Sample target that Diagnose was attached to after it started: the live screen in a
/// real terminal (tmux, 80 columns: keys in with send-keys, the screen out with capture-pane), and the plain-text
/// table when stdout is a pipe. Three probes: a log probe on Add13 (its last line; no elapsed times, the default), and
/// two added with --elapsed on calls that sleep 60 ms (so their elapsed maximum is at least that): a log probe on
/// Slow.Sleep (a compiled site) and an incr probe on Slow.Work (a call-free, emitted site).
/// </summary>
[NonParallelizable]
public sealed class TopTests
{
    [Test]
    public void TheLiveScreenShowsEachProbeSortsOnAKeyAndQuitsOnQ()
    {
        using var app = Probed();

        using var tmux = TmuxSession.Start(80, 24, Installation.Diagnose, "top", Pid(app), "--sort", "id");
        var screen = tmux.WaitFor(s => s_ids.All(id => Row(s, id) is not null) && s.Count(l => l.Contains(" last: ", StringComparison.Ordinal)) == 2, "the three probes and the logs' last lines");

        Assert.That(screen, Has.All.Length.LessThanOrEqualTo(80));
        Assert.That(screen[0], Does.StartWith($"diagnose top {Pid(app)} ").And.Contain("3 instruments").And.Contain("sorted by id"));
        Assert.That(s_ids.Select(id => Index(screen, id)), Is.Ordered.Ascending, "sorted by id");
        Assert.That(Row(screen, "aaa-add"), Does.Contain("Calculator.Add13").And.Contain(" ret ").And.Match(@"\s-\s+-\s+-\s+-$"), "no elapsed times unless asked");
        Assert.That(screen, Does.Contain("P50-MAX -: the probe keeps no elapsed times (add it with --elapsed)"));
        Assert.That(Row(screen, "mmm-sleep"), Does.Contain("Slow.Sleep"));
        Assert.That(Row(screen, "zzz-slow"), Does.Contain("Slow.Work"));
        foreach (var id in s_ids[1..])
        {
            Assert.That(Seconds(Row(screen, id)!.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1]), Is.GreaterThanOrEqualTo(0.060), $"{id}: the max of a call that sleeps 60 ms");
        }

        Assert.That(screen.Where(l => l.Contains(" last: ", StringComparison.Ordinal)), Is.EqualTo(new[] { "aaa-add last: 18", "mmm-sleep last: 60" }));
        Assert.That(screen, Does.Contain("sort: c calls f fired d dropped e errors p p99 m max i id t target").And.Contain("the same key again reverses; q quits"), "the keys, each line whole within 80 columns");

        tmux.Send("i");
        screen = tmux.WaitFor(s => s[0].Contains("sorted by id (reversed)", StringComparison.Ordinal) && s_ids.All(id => Row(s, id) is not null), "the order reversed");
        Assert.That(s_ids.Select(id => Index(screen, id)), Is.Ordered.Descending, "the same key again reverses");

        tmux.Send("q");
        Assert.That(tmux.WaitForExit(), Is.EqualTo(0));
        Assert.That(tmux.Screen(), Has.None.Contains("aaa-add"), "the alternate screen is left");
        Assert.That(app.Send("add13 1").Result, Is.EqualTo("= 14"), "the target runs on");
    }

    [Test]
    public void OnceIntoAPipePrintsThePlainTableWithWholeCells()
    {
        using var app = Probed();

        var top = ToolRun.Of("top", Pid(app), "--once", "--sort", "id");

        Assert.That(top.ExitCode, Is.EqualTo(0), top.ToString());
        var lines = top.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Does.Contain("3 instruments").And.Contain("sorted by id"));
        Assert.That(lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[] { "ID", "TARGET", "EV", "CALL/S", "FIRE/S", "DROP/S", "ERR", "P50", "P95", "P99", "MAX", "LAST" }));
        Assert.That(lines, Has.Length.EqualTo(5));
        var add = lines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var sleep = lines[3].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var slow = lines[4].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(sleep[..3], Is.EqualTo(new[] { "mmm-sleep", "Sample.Slow.Sleep", "ret" }), "the target whole");
        Assert.That(Seconds(sleep[10]), Is.GreaterThanOrEqualTo(0.060));
        Assert.That(sleep[^1], Is.EqualTo("60"));
        Assert.That(slow[..3], Is.EqualTo(new[] { "zzz-slow", "Sample.Slow.Work", "ret" }));
        Assert.That(Seconds(slow[10]), Is.GreaterThanOrEqualTo(0.060));
        Assert.That(slow[6], Is.EqualTo("0"), "no errors");
        Assert.That(slow[^1], Is.EqualTo("-"), "an incr probe has no last line");
        Assert.That(add[..3], Is.EqualTo(new[] { "aaa-add", "Sample.Calculator.Add13", "ret" }));
        Assert.That(add[7..], Is.EqualTo(new[] { "-", "-", "-", "-", "18" }), "no elapsed times unless asked, and the log probe's last line");
    }

    [TestCase("--sort", "nonsense", "--sort nonsense: give one of calls/s")]
    [TestCase("--interval", "0", "--interval 0: give a positive number of seconds")]
    public void ABadOptionIsAUsageErrorThatSaysWhatToGive(string option, string value, string message)
    {
        using var app = TargetApp.Start(TargetRuntime.Net10, StartMode.Attached);

        var top = ToolRun.Of("top", Pid(app), option, value, "--once");

        Assert.That(top.ExitCode, Is.EqualTo(2), top.ToString());
        Assert.That(top.Error, Does.Contain(message));
    }

    [Test]
    public void AProcessWithoutTheAgentSaysHowToAttach()
    {
        using var app = TargetApp.Start(TargetRuntime.Net10, StartMode.Attached, attachNow: false);

        var top = ToolRun.Of("top", Pid(app), "--once");

        Assert.That(top.ExitCode, Is.Not.EqualTo(0), top.ToString());
        Assert.That(top.Error, Does.Contain("attach"), top.ToString());
        Assert.That(app.Send("add13 1").Result, Is.EqualTo("= 14"), "the target runs on");
    }

    private static readonly string[] s_ids = ["aaa-add", "mmm-sleep", "zzz-slow"];

    /// <summary>The target attached, with the three probes, each having fired once (the call returned: its fire is in).</summary>
    private static TargetApp Probed()
    {
        var app = TargetApp.Start(TargetRuntime.Net10, StartMode.Attached);
        Assert.That(app.Attach!.ExitCode, Is.EqualTo(0), app.Attach.ToString());
        string[][] probes =
        [
            ["Sample.Calculator.Add13", "--id", "aaa-add", "--name", "aaa-add"],
            ["Sample.Slow.Sleep", "--value", "milliseconds", "--id", "mmm-sleep", "--name", "mmm-sleep", "--elapsed"],
            ["Sample.Slow.Work", "--type", "incr", "--id", "zzz-slow", "--name", "zzz-slow", "--elapsed"],
        ];
        foreach (var probe in probes)
        {
            var add = ToolRun.Of(["probe", "add", Pid(app), .. probe]);
            Assert.That(add.ExitCode, Is.EqualTo(0), add.ToString());
        }

        Assert.That(app.Send("add13 5", probeLines: 1).ProbeLines, Is.EqualTo(new[] { "Probe (aaa-add)[tags=[]] = 18" }));
        Assert.That(app.Send("timed 60", probeLines: 1).ProbeLines, Is.EqualTo(new[] { "Probe (mmm-sleep)[tags=[]] = 60" }));
        Assert.That(app.Send("work 5").Result, Is.EqualTo("= 14"));
        return app;
    }

    private static string Pid(TargetApp app) => app.Pid.ToString(CultureInfo.InvariantCulture);

    private static string? Row(IReadOnlyList<string> screen, string id) => screen.FirstOrDefault(l => l.StartsWith(id + " ", StringComparison.Ordinal) && !l.Contains(" last:", StringComparison.Ordinal));

    private static int Index(IReadOnlyList<string> screen, string id) => screen.ToList().FindIndex(l => l.StartsWith(id + " ", StringComparison.Ordinal));

    /// <summary>A duration cell (850ns, 45us, 123ms, 1.23s) in seconds.</summary>
    private static double Seconds(string cell)
    {
        foreach (var (suffix, scale) in new[] { ("ns", 1e-9), ("us", 1e-6), ("ms", 1e-3), ("s", 1.0) })
        {
            if (cell.EndsWith(suffix, StringComparison.Ordinal))
            {
                return double.Parse(cell[..^suffix.Length], CultureInfo.InvariantCulture) * scale;
            }
        }

        throw new FormatException($"not a duration: '{cell}'");
    }
}
