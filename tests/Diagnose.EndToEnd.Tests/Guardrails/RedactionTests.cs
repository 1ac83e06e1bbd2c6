using System.Text.Json.Nodes;
using Diagnose.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace Diagnose.EndToEnd.Tests.Guardrails;

/// <summary>
/// Redaction on a real process (issue 10, part 5): Sample.Auth.Login takes a password, a LoginRequest record holding
/// it, an Authorization header, a license key and an employee id, and has an API key field; no probe lets any of them
/// out ("login bob hunter2").
/// </summary>
[TestFixture(TargetRuntime.Net10, StartMode.Launched)]
[TestFixture(TargetRuntime.Net8, StartMode.Attached)]
public sealed class RedactionTests(TargetRuntime runtime, StartMode mode)
{
    private const string Login = "Sample.Auth.Login";
    private static readonly string[] s_secrets = ["hunter2", "tok-abc123", "key-9f8e7d", "lic-7777", "emp-4242"];

    [Test]
    public void AProbeOnAPasswordInstallsAndItsLineAndItsWatchEventReadRedacted()
    {
        using var app = Started();
        using var watch = BackgroundTool.Start(["watch", Pid(app), "--json"]);
        watch.WaitForError(l => l.StartsWith($"watching process {app.Pid}", StringComparison.Ordinal));

        var add = ToolRun.Of("probe", "add", Pid(app), Login, "--value", "password", "--id", "pw");
        var call = app.Send("login bob hunter2");
        var json = watch.WaitForOutput(l => l.Contains("Probe (Sample.Auth.Login)", StringComparison.Ordinal));

        Assert.That(add.Output, Is.EqualTo($"pw\t{Login}\tinstalled\n"), add.ToString());
        Assert.That(call.ProbeLines, Is.EqualTo(new[] { "Probe (Sample.Auth.Login)[tags=[]] = [redacted]" }));
        Assert.That(call.Result, Is.EqualTo("= welcome bob"));
        Assert.That(JsonNode.Parse(json)!["RenderedMessage"]!.GetValue<string>(), Is.EqualTo("Probe (Sample.Auth.Login)[tags=[]] = [redacted]"));
        AssertNoSecretIn(watch.Output);
    }

    [Test]
    public void FieldsPropertiesRecordsDictionaryKeysAndAnonymousMembersAreRedacted()
    {
        using var specs = new SpecFile()
            .Add("field", Login, "this._apiKey")
            .Add("property", Login, "request.Password")
            .Add("record", Login, "request")
            .Add("headers", Login, "headers")
            .Add("header", Login, "headers[\"Authorization\"]")
            .Add("anonymous", Login, "new { user, password, request.Password, n = headers.Count }")
            .Add("text", Login, "$\"{user} with {password}\"")
            .Add("tags", Login, "user", custom: new JsonObject { ["tags"] = "new { user, token = password }" })
            .Add("args", Login, "args")
            .Save();
        using var app = Started(specs.Path);
        foreach (var id in new[] { "field", "property", "record", "headers", "header", "anonymous", "text", "tags", "args" })
        {
            Assert.That(specs.WaitApplied(app.Pid, id), Is.Null, id);
        }

        var call = app.Send("login bob hunter2");

        Assert.That(call.ProbeLines, Is.EquivalentTo(new[]
        {
            "Probe (field)[tags=[]] = [redacted]",
            "Probe (property)[tags=[]] = [redacted]",
            "Probe (record)[tags=[]] = LoginRequest { User = bob, Password = [redacted] }",
            "Probe (headers)[tags=[]] = {Authorization: [redacted], Accept: json}",
            "Probe (header)[tags=[]] = [redacted]",
            "Probe (anonymous)[tags=[]] = { user = bob, password = [redacted], Password = [redacted], n = 2 }",
            "Probe (text)[tags=[]] = bob with [redacted]",
            "Probe (tags)[tags=[user:bob, token:[redacted]]] = bob",
            "Probe (args)[tags=[]] = [redacted]",
        }));
        Assert.That(call.Result, Is.EqualTo("= welcome bob"));
        AssertNoSecretIn(call.Lines);
    }

    [Test]
    public void AConditionMayReadASecretButItsErrorDoesNotQuoteIt()
    {
        var condition = new JsonObject { ["condition"] = "int.Parse(password) > 0" };
        using var specs = new SpecFile().Add("parse", Login, "user", custom: condition).Save();
        using var app = Started(specs.Path);
        Assert.That(specs.WaitApplied(app.Pid, "parse"), Is.Null);

        var call = app.Send("login bob hunter2");
        var error = WaitForError(specs, app.Pid, "parse");

        Assert.That(error, Is.EqualTo("FormatException (its message is not shown: the expression reads 'password', which is redacted)"));
        Assert.That(call.ProbeLines, Is.Empty);
        Assert.That(call.Result, Is.EqualTo("= welcome bob"));
    }

    [Test]
    public void NamesAndTypesFromTheEnvironmentAreRedacted()
    {
        using var specs = UserRuleSpecs();
        using var app = Started(specs.Path, new Dictionary<string, string>
        {
            ["DIAGNOSE_REDACT_NAMES"] = "employee_id, internalId",
            ["DIAGNOSE_REDACT_TYPES"] = "Sample.Secrets.*",
        });

        AssertUserRulesHold(specs, app);
    }

    [Test]
    public void NamesAndTypesFromARedactionFileBesideTheSpecsAreRedacted()
    {
        using var specs = UserRuleSpecs();
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(specs.Path)!, "redaction.json"), """{"names": ["internalId"], "types": ["Sample.Secrets.*"]}""");
        using var app = Started(specs.Path);

        AssertUserRulesHold(specs, app);
    }

    [Test]
    public void AMalformedRedactionFileIsReportedInAppliedAndNoProbeIsInstalled()
    {
        using var specs = new SpecFile().Add("id", Login, "internalId").Save();
        var file = Path.Combine(Path.GetDirectoryName(specs.Path)!, "redaction.json");
        File.WriteAllText(file, """{"name": ["internalId"]}""");
        using var app = Started(specs.Path);

        var error = specs.WaitApplied(app.Pid, "id");
        var call = app.Send("login bob hunter2");

        Assert.That(error, Is.EqualTo($"{file} has an unknown key 'name' (known: names, types); fix it: until then no probe is installed (values could leave the process unredacted)"));
        Assert.That(call.ProbeLines, Is.Empty);
        Assert.That(call.Result, Is.EqualTo("= welcome bob"));
    }

    private static SpecFile UserRuleSpecs() => new SpecFile()
        .Add("id", Login, "internalId")
        .Add("license", Login, "license")
        .Add("both", Login, "new { user, internalId, l = license }")
        .Add("plain", Login, "user")
        .Save();

    private static void AssertUserRulesHold(SpecFile specs, TargetApp app)
    {
        foreach (var id in new[] { "id", "license", "both", "plain" })
        {
            Assert.That(specs.WaitApplied(app.Pid, id), Is.Null, id);
        }

        var call = app.Send("login bob hunter2");

        Assert.That(call.ProbeLines, Is.EquivalentTo(new[]
        {
            "Probe (id)[tags=[]] = [redacted]",
            "Probe (license)[tags=[]] = [redacted]",
            "Probe (both)[tags=[]] = { user = bob, internalId = [redacted], l = [redacted] }",
            "Probe (plain)[tags=[]] = bob",
        }));
        AssertNoSecretIn(call.Lines);
    }

    private static void AssertNoSecretIn(IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            Assert.That(s_secrets.Where(s => line.Contains(s, StringComparison.Ordinal)), Is.Empty, line);
        }
    }

    private static string? WaitForError(SpecFile specs, int pid, string id)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        string? error;
        while ((error = specs.WaitApplied(pid, id)) is null && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(100);
        }

        return error;
    }

    private static string Pid(TargetApp app) => app.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The target under the profiler from its start (launched) or attached to after it started, with or without specs.</summary>
    private TargetApp Started(string? specsPath = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        if (mode == StartMode.Launched && specsPath is null)
        {
            return TargetApp.Launch(Installation.Diagnose, ["run", "--", Installation.Target(runtime)], environment);
        }

        var app = TargetApp.Start(runtime, mode, specsPath, environment);
        if (mode == StartMode.Attached && specsPath is null)
        {
            Assert.That(app.Attach!.ExitCode, Is.EqualTo(0), app.Attach.ToString());
        }

        return app;
    }
}
