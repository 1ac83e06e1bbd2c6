using System.Diagnostics.Tracing;
using System.Text;
using Diagnose.Channel;
using Diagnose.Protocol.Channel;
using Diagnose.Protocol.Specs;
using NUnit.Framework;

namespace Diagnose.Tests.Channel;

/// <summary>
/// The agent's end of the channel without a session: command parts go in as provider arguments, results come out
/// as <c>CommandResult</c> events (caught by an EventListener). No profiler here, so only what does not install.
/// </summary>
[NonParallelizable]
public sealed class ChannelServerTests
{
    private const string Good = """{"target": "Nowhere.Type.Method", "instrument": {"type": "log", "name": "n", "value": "result"}}""";

    private DiagnoseEventSource _events = null!;
    private ResultListener _listener = null!;
    private ChannelServer _server = null!;
    private string? _usedPath;

    [OneTimeSetUp]
    public void StartTheEventSource()
    {
        _events = new DiagnoseEventSource();
        _listener = new ResultListener();
    }

    [OneTimeTearDown]
    public void StopTheEventSource()
    {
        _listener.Dispose();
        _events.Dispose();
    }

    [SetUp]
    public void NewServer()
    {
        var manager = new ChannelManager(new ChannelSpecStore(), _events, TimeProvider.System);
        var executor = new CommandExecutor(manager, TimeProvider.System, () => _usedPath, () => null, (path, _) =>
        {
            _usedPath = path;
            return new Manager();
        });
        _server = new ChannelServer(_events, new Heartbeat(_events), executor, TimeProvider.System);
        _listener.Results.Clear();
    }

    [Test]
    public void HelloIsAnsweredWithTheAgentsIdentity()
    {
        var result = Send("c1", ChannelCommand.Hello());

        Assert.That(result.Ok, Is.True);
        Assert.That(result.Op, Is.EqualTo("hello"));
        Assert.That(result.Agent!.Protocol, Is.EqualTo(ChannelContract.Version));
        Assert.That(result.Agent.Pid, Is.EqualTo(Environment.ProcessId));
        Assert.That(result.Agent.Process, Is.EqualTo(ProcessKey.Current));
    }

    [Test]
    public void ACommandInPartsRunsOnceTheLastPartArrived()
    {
        var specs = "{" + string.Join(",", Enumerable.Range(0, 40).Select(i => $"\"s{i}\": {{\"target\": \"T.M\"}}")) + "}";
        var parts = CommandChunker.Split("big", ChannelCommand.Set(SpecSet.Parse(specs)).ToUtf8(), maxPartChars: 200);
        Assert.That(parts, Has.Count.GreaterThan(3));

        foreach (var part in parts.Take(parts.Count - 1))
        {
            _server.Receive(Arguments(part));
        }

        Assert.That(_listener.Results, Is.Empty);
        _server.Receive(Arguments(parts[^1]));

        var result = Single("big");
        Assert.That(result.Specs, Has.Count.EqualTo(40));
        Assert.That(result.Specs.All(s => s.Status == SpecStatus.Error && s.Reason!.EndsWith("'instrument' is missing", StringComparison.Ordinal)), Is.True);
    }

    [Test]
    public void ACommandSeenAgainGetsItsResultAgainWithoutRunningTwice()
    {
        Send("add", ChannelCommand.Set(SpecSet.Parse($$"""{"x": {{Good}}}""")));
        var remove = CommandChunker.Split("rm", ChannelCommand.Remove(["x"]).ToUtf8())[0];

        _server.Receive(Arguments(remove));
        _server.Receive(Arguments(remove));

        var results = _listener.Results.Where(r => r.Id == "rm").Select(r => r.Text).ToList();
        Assert.That(results, Has.Count.EqualTo(2));
        Assert.That(results[1], Is.EqualTo(results[0]));
        Assert.That(ChannelResult.Parse(results[1], out _)!.Specs.Single().Status, Is.EqualTo(SpecStatus.Removed), "run twice, it would say there is no spec 'x'");
    }

    [Test]
    public void ASetReportsEachSpecWithItsOwnError()
    {
        var result = Send("c1", ChannelCommand.Set(SpecSet.Parse("""
            {"no-instrument": {"target": "A.B.M"},
             "odd-type": {"target": "A.B.M", "instrument": {"type": "nope", "name": "n", "value": "1"}}}
            """)));

        Assert.That(result.Ok, Is.True);
        Assert.That(result.Specs.Select(s => s.Line), Is.EqualTo(new[]
        {
            "no-instrument\tA.B.M\terror: spec 'no-instrument': 'instrument' is missing",
            "odd-type\tA.B.M\terror: unknown instrument type 'nope' (known: log, hist, incr, gauge, test, snapshot)",
        }));
    }

    [Test]
    public void ReplaceMakesTheLastSetWinAndReportsWhatItRemoved()
    {
        Send("first", ChannelCommand.Replace(SpecSet.Parse($$"""{"a": {{Good}}, "b": {{Good}}}""")));

        var result = Send("second", ChannelCommand.Replace(SpecSet.Parse($$"""{"b": {{Good}}, "c": {{Good}}}""")));
        var list = Send("ls", ChannelCommand.List());

        Assert.That(result.Specs.Select(s => (s.Id, s.Status == SpecStatus.Removed)), Is.EqualTo(new[] { ("b", false), ("c", false), ("a", true) }));
        Assert.That(list.Specs.Select(s => s.Id), Is.EqualTo(new[] { "b", "c" }));
    }

    [Test]
    public void RemovingWhatIsNotThereIsAnErrorOfThatIdOnly()
    {
        Send("add", ChannelCommand.Set(SpecSet.Parse($$"""{"x": {{Good}}}""")));

        var result = Send("rm", ChannelCommand.Remove(["x", "ghost"]));

        Assert.That(result.Specs.Select(s => s.Line), Is.EqualTo(new[]
        {
            "x\tNowhere.Type.Method\tremoved",
            $"ghost\t\terror: there is no spec 'ghost' in process {Environment.ProcessId}",
        }));
    }

    [Test]
    public void UsePathNeedsAnAbsolutePathThatExists()
    {
        Assert.That(Send("c1", ChannelCommand.UsePath("relative/specs.json")).Error, Is.EqualTo("'path' must be an absolute path"));
        Assert.That(Send("c2", ChannelCommand.UsePath("/no/such/specs.json")).Error, Does.StartWith("/no/such/specs.json does not exist"));
        Assert.That(_usedPath, Is.Null);

        var file = Path.Combine(Path.GetTempPath(), $"diagnose-channel-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, "{}");
        try
        {
            Assert.That(Send("c3", ChannelCommand.UsePath(file)).Ok, Is.True);
            Assert.That(_usedPath, Is.EqualTo(file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void AnUnknownCommandIsRefusedByName()
    {
        var result = Send("c1", ChannelCommand.Other("rewind"));

        Assert.That(result.Ok, Is.False);
        Assert.That(result.Error, Is.EqualTo($"the agent (protocol version {ChannelContract.Version}) does not know the command 'rewind'"));
    }

    [Test]
    public void GarbageIsAnsweredWhenItNamesACommandAndIgnoredOtherwise()
    {
        _server.Receive(new Dictionary<string, string?> { ["DiagnoseCommand"] = "bad id!" });
        _server.Receive(new Dictionary<string, string?> { ["DiagnoseCommand"] = "c1", ["DiagnoseParts"] = "x" });
        _server.Receive(new Dictionary<string, string?> { ["DiagnoseCommand"] = "c2", ["DiagnoseProtocol"] = "1", ["DiagnosePart"] = "0", ["DiagnoseParts"] = "1", ["DiagnoseData"] = Base64Url.Encode("[]"u8) });
        _server.Receive(new Dictionary<string, string?> { ["DiagnoseCommand"] = "c3", ["DiagnoseProtocol"] = "1", ["DiagnosePart"] = "0", ["DiagnoseParts"] = "1", ["DiagnoseData"] = "@@@" });

        Assert.That(_listener.Results.Select(r => r.Id), Is.EqualTo(new[] { "c1", "c2", "c3" }));
        Assert.That(Single("c1").Error, Does.StartWith("command c1: DiagnoseProtocol, DiagnosePart and DiagnoseParts must be numbers"));
        Assert.That(Single("c2").Error, Is.EqualTo("the command must be a JSON object, got an array"));
        Assert.That(Single("c3").Error, Is.EqualTo("command c3: its data is not base64url"));
    }

    [Test]
    public void ALongResultTravelsInPartsThatMakeItWhole()
    {
        var specs = "{" + string.Join(",", Enumerable.Range(0, 200).Select(i => $"\"spec-{i}\": {Good}")) + "}";
        Send("many", ChannelCommand.Set(SpecSet.Parse(specs)));

        var parts = _listener.Results.Where(r => r.Id == "many").ToList();

        Assert.That(parts.Count, Is.GreaterThan(1));
        Assert.That(parts.Select(p => p.Part), Is.EqualTo(Enumerable.Range(0, parts.Count)));
        Assert.That(parts.All(p => p.Text.Length <= ChannelContract.MaxResultChars), Is.True);
        Assert.That(Single("many").Specs, Has.Count.EqualTo(200));
    }

    private ChannelResult Send(string id, ChannelCommand command)
    {
        foreach (var part in CommandChunker.Split(id, command.ToUtf8()))
        {
            _server.Receive(Arguments(part));
        }

        return Single(id);
    }

    private ChannelResult Single(string id)
    {
        var parts = _listener.Results.Where(r => r.Id == id).ToList();
        Assert.That(parts, Is.Not.Empty, $"no result for {id}");
        var collector = new ResultParts();
        var text = parts.Select(p => collector.Add(id, p.Part, p.Parts, p.Text)).Last(t => t is not null)!;
        return ChannelResult.Parse(text, out var error) ?? throw new AssertionException(error!);
    }

    private static Dictionary<string, string?> Arguments(CommandEnvelope part) =>
        part.ToArguments().ToDictionary(a => a.Key, a => (string?)a.Value);

    /// <summary>Catches the <c>CommandResult</c> events of the <c>Diagnose</c> event source in this process.</summary>
    private sealed class ResultListener : EventListener
    {
        public List<(string Id, int Part, int Parts, string Text)> Results { get; } = [];

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == ChannelContract.ProviderName)
            {
                EnableEvents(source, EventLevel.Informational, (EventKeywords)ChannelKeywords.Results);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs data)
        {
            if (data.EventId == ChannelEvents.CommandResult && data.Payload is { } payload)
            {
                Assert.That(data.PayloadNames, Is.EqualTo(new[] { "commandId", "part", "parts", "text" }));
                lock (Results)
                {
                    Results.Add(((string)payload[0]!, (int)payload[1]!, (int)payload[2]!, (string)payload[3]!));
                }
            }
        }
    }
}
