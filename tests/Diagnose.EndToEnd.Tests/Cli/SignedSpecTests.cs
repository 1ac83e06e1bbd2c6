using System.Text.Json.Nodes;
using Diagnose.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace Diagnose.EndToEnd.Tests.Cli;

/// <summary>
/// Trusted specs: <c>diagnose sign</c> signs a spec file, and a process attached with <c>--key</c> (or a sidecar with
/// <c>--key</c>) runs the signed specs and refuses the altered and unsigned ones, which get why in <c>applied</c>.
/// </summary>
public sealed class SignedSpecTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private string _directory = null!;
    private string _key = null!;
    private string _keyText = null!;

    [SetUp]
    public void MakeKey()
    {
        _directory = Directory.CreateTempSubdirectory("diagnose-key-").FullName;
        _key = Path.Combine(_directory, "diagnose.key");
        _keyText = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        File.WriteAllText(_key, _keyText + "\n");
    }

    [TearDown]
    public void RemoveKey() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void AnAttachedProcessWithAKeyRunsSignedSpecsAndRefusesAlteredOnes()
    {
        using var specs = new SpecFile().Add("signed", "Sample.Calculator.Add13", "arg", @event: "call").Add("altered", "Sample.Calculator.Square", "x", @event: "call").Save();
        var sign = ToolRun.Of("sign", specs.Path, "--key", _key);
        Assert.That(sign.ExitCode, Is.EqualTo(0), sign.ToString());
        File.WriteAllText(specs.Path, File.ReadAllText(specs.Path).Replace("\"x\"", "\"x * 1000\"", StringComparison.Ordinal));
        using var app = TargetApp.Launch(Installation.Target(TargetRuntime.Net10), []);

        var attach = ToolRun.Of("attach", app.Pid.ToString(), "--specs", specs.Path, "--key", _key);

        Assert.That(specs.WaitApplied(app.Pid, "signed", Patience), Is.Null, attach.ToString());
        Assert.That(specs.WaitApplied(app.Pid, "altered", Patience), Does.Contain("signature does not match"));
        Assert.That(app.Send("add13 5").ProbeLines, Is.EqualTo(new[] { "Probe (signed)[tags=[]] = 5" }));
        Assert.That(app.Send("square 3").ProbeLines, Is.Empty, "nothing of the altered spec runs");
        Assert.That(attach.Output, Does.Contain("signature does not match"));
        Assert.That(attach.Output + attach.Error + File.ReadAllText(specs.Path), Does.Not.Contain(_keyText));
    }

    [Test]
    public void AProgramRunWithAKeyRunsSignedSpecsOnly()
    {
        using var specs = SignedAndUnsigned();

        using var app = TargetApp.Launch(Installation.Diagnose, ["run", "--specs", specs.Path, "--key", _key, "--", Installation.Target(TargetRuntime.Net10)]);

        Assert.That(specs.WaitApplied(app.Pid, "signed", Patience), Is.Null);
        Assert.That(specs.WaitApplied(app.Pid, "unsigned", Patience), Does.Contain("spec is not signed"));
        Assert.That(app.Send("add13 5").ProbeLines, Is.EqualTo(new[] { "Probe (signed)[tags=[]] = 5" }));
        Assert.That(app.Send("square 3").ProbeLines, Is.Empty);
    }

    [Test]
    public void ApplyWithAKeySendsSignedSpecsOnly()
    {
        using var specs = SignedAndUnsigned();
        using var app = TargetApp.Start(TargetRuntime.Net10, StartMode.Attached);

        var apply = ToolRun.Of("apply", app.Pid.ToString(), specs.Path, "--key", _key);

        Assert.That(apply.ExitCode, Is.EqualTo(1), apply.ToString());
        Assert.That(apply.Error, Does.Contain("spec 'unsigned': spec is not signed"));
        Assert.That(app.Send("add13 5").ProbeLines, Is.EqualTo(new[] { "Probe (signed)[tags=[]] = 5" }));
        Assert.That(app.Send("square 3").ProbeLines, Is.Empty);
    }

    [Test]
    public void AMissingKeyFileIsAUsageErrorNamingTheFile()
    {
        using var specs = new SpecFile().Add("a", "Sample.Calculator.Add13", "arg").Save();
        var missing = Path.Combine(_directory, "none.key");

        var sign = ToolRun.Of("sign", specs.Path, "--key", missing);

        Assert.That(sign.ExitCode, Is.EqualTo(2));
        Assert.That(sign.Error, Does.Contain($"cannot read the key file {missing}").And.Contain("openssl rand -base64 32"));
    }

    [Test]
    public void ASidecarWithAKeyAppliesASignedRowInsertedIntoAPostgresTable()
    {
        using var postgres = PostgresServer.Start(out var whyNot);
        if (postgres is null)
        {
            Assert.Ignore(whyNot ?? "no PostgreSQL");
        }

        var table = $"specs_{Guid.NewGuid():N}";
        var marker = $"--signed-test-{Guid.NewGuid():N}";
        using var specs = new SpecFile().Add("adds", "Sample.Calculator.Add13", "arg", name: "pg", @event: "call").Save();
        Assert.That(ToolRun.Of("sign", specs.Path, "--key", _key).ExitCode, Is.EqualTo(0));
        var signed = JsonNode.Parse(File.ReadAllText(specs.Path))!["adds"]!.ToJsonString();
        using var app = TargetApp.Launch(Installation.Target(TargetRuntime.Net10), [marker]);
        var key = $"{Environment.MachineName}:{app.Pid}";
        using var sidecar = BackgroundTool.Start("sidecar", "--store", $"{postgres.Url}?table={table}", "--match", marker, "--key", _key);
        Assert.That(Eventually(() => postgres.Sql($"SELECT count(*) FROM pg_trigger WHERE tgname = 'diagnose_notify' AND tgrelid = to_regclass('{table}')"), "1"), Is.EqualTo("1"), sidecar.ToString());

        postgres.Sql($"INSERT INTO {table} (id, spec) VALUES ('adds', '{signed}'), ('unsigned', '{{\"target\": \"Sample.Calculator.Square\", \"instrument\": {{\"type\": \"log\", \"name\": \"u\", \"value\": \"x\", \"event\": \"call\"}}}}')");

        string Entry(string id) => postgres.Sql($"SELECT coalesce(spec->'applied'->'{key}'->>'err', '(none)') FROM {table} WHERE id = '{id}' AND spec->'applied' ? '{key}'");
        Assert.That(Eventually(() => Entry("adds"), "(none)"), Is.EqualTo("(none)"), sidecar.ToString());
        Assert.That(Eventually(() => Entry("unsigned").Contains("spec is not signed") ? "refused" : Entry("unsigned"), "refused"), Is.EqualTo("refused"));
        Assert.That(app.Send("add13 5").ProbeLines, Is.EqualTo(new[] { "Probe (pg)[tags=[]] = 5" }));
        Assert.That(app.Send("square 3").ProbeLines, Is.Empty);

        postgres.Sql($$$"""UPDATE {{{table}}} SET spec = jsonb_set(spec, '{instrument,value}', '"arg * 10"') WHERE id = 'adds'""");
        Assert.That(Eventually(() => Entry("adds").Contains("signature does not match") ? "refused" : Entry("adds"), "refused"), Is.EqualTo("refused"));
        Assert.That(Eventually(() => app.Send("add13 5").ProbeLines.Count == 0 ? "gone" : "still there", "gone"), Is.EqualTo("gone"), "an altered row is taken away");
        Assert.That(sidecar.Stop(), Is.EqualTo(0), sidecar.ToString());
        Assert.That(sidecar.Output, Has.None.Contains(_keyText));
    }

    /// <summary>A spec file with "signed" (a call probe on Add13, signed with the key) and "unsigned" (on Square).</summary>
    private SpecFile SignedAndUnsigned()
    {
        var specs = new SpecFile().Add("signed", "Sample.Calculator.Add13", "arg", @event: "call").Save();
        Assert.That(ToolRun.Of("sign", specs.Path, "--key", _key).ExitCode, Is.EqualTo(0));
        var document = JsonNode.Parse(File.ReadAllText(specs.Path))!.AsObject();
        document["unsigned"] = JsonNode.Parse("""{"target": "Sample.Calculator.Square", "instrument": {"type": "log", "name": "u", "value": "x", "event": "call"}}""");
        File.WriteAllText(specs.Path, document.ToJsonString());
        return specs;
    }

    private static string Eventually(Func<string> ask, string expected)
    {
        var deadline = DateTime.UtcNow + Patience;
        string answer;
        while ((answer = ask()) != expected && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(200);
        }

        return answer;
    }
}
