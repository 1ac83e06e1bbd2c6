using Diagnose.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace Diagnose.EndToEnd.Tests.Cli;

/// <summary>
/// <c>diagnose sidecar</c> beside a running target that knows nothing of Diagnose: it attaches, sends the store's
/// specs, follows the store's changes and writes the target's applied entries back, for a spec directory and for a
/// PostgreSQL table.
/// </summary>
[TestFixture(TargetRuntime.Net10)]
[TestFixture(TargetRuntime.Net8)]
public sealed class SidecarTests(TargetRuntime runtime)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Test]
    public void ASpecDirectoryIsKeptInLineWithTheProcess()
    {
        var marker = $"--sidecar-test-{Guid.NewGuid():N}";
        using var specs = new SpecFile().Add("adds", "Sample.Calculator.Add13", "arg", @event: "call").Add("typo", "Sample.Calculator.Sumbit", "result").Save();
        using var app = TargetApp.Launch(Installation.Target(runtime), [marker]);
        using var sidecar = BackgroundTool.Start("sidecar", "--store", Path.GetDirectoryName(specs.Path)!, "--interval", "0.5", "--match", marker);

        Assert.That(specs.WaitApplied(app.Pid, "adds", Patience), Is.Null, sidecar.ToString());
        Assert.That(specs.WaitApplied(app.Pid, "typo", Patience), Is.EqualTo("'Sample.Calculator' does not have a method 'Sumbit'"));
        Assert.That(app.Send("add13 5").ProbeLines, Is.EqualTo(new[] { "Probe (adds)[tags=[]] = 5" }));

        specs.Add("adds", "Sample.Calculator.Add13", "arg * 10", @event: "call").Save();
        Assert.That(Eventually(() => app.Send("add13 5").ProbeLines.SingleOrDefault(), "Probe (adds)[tags=[]] = 50"), Is.EqualTo("Probe (adds)[tags=[]] = 50"));

        specs.Remove("adds").Add("sentinel", "Sample.Calculator.Square", "x").Save();
        specs.WaitApplied(app.Pid, "sentinel", Patience);
        Assert.That(app.Send("add13 5").ProbeLines, Is.Empty);
        Assert.That(sidecar.Stop(), Is.EqualTo(0), sidecar.ToString());
        Assert.That(sidecar.Output, Has.Some.Contains($"process {app.Pid} (Sample): Diagnose is ready"));
    }

    [Test]
    public void APostgresTableIsKeptInLineWithTheProcess()
    {
        using var postgres = PostgresServer.Start(out var whyNot);
        if (postgres is null)
        {
            Assert.Ignore(whyNot ?? "no PostgreSQL");
        }

        var table = $"specs_{Guid.NewGuid():N}";
        var marker = $"--sidecar-test-{Guid.NewGuid():N}";
        postgres.Sql($"CREATE TABLE {table} (id text PRIMARY KEY, spec jsonb NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())");
        postgres.Sql($$$"""INSERT INTO {{{table}}} (id, spec) VALUES ('adds', '{"target": "Sample.Calculator.Add13", "instrument": {"type": "log", "name": "pg", "value": "arg", "event": "call"}}'), ('typo', '{"target": "Sample.Calculator.Sumbit", "instrument": {"type": "log", "name": "t", "value": "result"}}')""");
        using var app = TargetApp.Launch(Installation.Target(runtime), [marker]);
        var key = $"{Environment.MachineName}:{app.Pid}";
        using var sidecar = BackgroundTool.Start("sidecar", "--store", $"{postgres.Url}?table={table}", "--interval", "0.5", "--match", marker);

        string Entry(string id) => postgres.Sql($"SELECT coalesce(spec->'applied'->'{key}'->>'err', '(none)') FROM {table} WHERE id = '{id}' AND spec->'applied' ? '{key}'");
        Assert.That(Eventually(() => Entry("adds"), "(none)"), Is.EqualTo("(none)"), sidecar.ToString());
        Assert.That(Eventually(() => Entry("typo"), "'Sample.Calculator' does not have a method 'Sumbit'"), Is.EqualTo("'Sample.Calculator' does not have a method 'Sumbit'"));
        Assert.That(app.Send("add13 5").ProbeLines, Is.EqualTo(new[] { "Probe (pg)[tags=[]] = 5" }));

        postgres.Sql($$$"""UPDATE {{{table}}} SET spec = jsonb_set(spec, '{instrument,value}', '"arg * 10"') WHERE id = 'adds'""");
        Assert.That(Eventually(() => app.Send("add13 5").ProbeLines.SingleOrDefault(), "Probe (pg)[tags=[]] = 50"), Is.EqualTo("Probe (pg)[tags=[]] = 50"));
        Assert.That(postgres.Sql($"SELECT spec->'applied' ? '{key}' FROM {table} WHERE id = 'adds'"), Is.EqualTo("t"), "entries survive the change");

        postgres.Sql($"DELETE FROM {table} WHERE id = 'adds'");
        Assert.That(Eventually(() => app.Send("add13 5").ProbeLines.Count == 0 ? "gone" : "still there", "gone"), Is.EqualTo("gone"));
        Assert.That(sidecar.Stop(), Is.EqualTo(0), sidecar.ToString());
    }

    /// <summary>Asks until the answer is the expected one (the sidecar works in rounds); returns the last answer.</summary>
    private static string? Eventually(Func<string?> ask, string expected)
    {
        var deadline = DateTime.UtcNow + Patience;
        string? answer;
        while ((answer = ask()) != expected && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(200);
        }

        return answer;
    }
}
