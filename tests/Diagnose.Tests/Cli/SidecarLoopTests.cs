using Diagnose.Cli;
using Diagnose.Cli.Processes;
using Diagnose.Cli.Sidecar;
using Diagnose.Protocol.Channel;
using Diagnose.Protocol.Specs;
using Diagnose.Tests.Protocol.Support;
using NUnit.Framework;
using Serilog;

namespace Diagnose.Tests.Cli;

/// <summary>A sidecar's rounds against fake processes: what it sends, when, and what it writes back.</summary>
public sealed class SidecarLoopTests
{
    private const string OneSpec = """{"a": {"target": "A.B.M", "instrument": {"type": "log", "name": "n", "value": "result"}}}""";

    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));
    private MemorySpecStore _store = null!;
    private FakeProcesses _processes = null!;
    private SidecarLoop _loop = null!;

    [SetUp]
    public void NewLoop()
    {
        _store = new MemorySpecStore(SpecSet.Parse(OneSpec));
        _processes = new FakeProcesses();
        _loop = new SidecarLoop(_store, _processes, new ProcessFilter([], ["skip-me"]), new LoggerConfiguration().CreateLogger(), _time);
    }

    [Test]
    public void ANewProcessIsLoadedAndGetsTheStoresSpecsAndItsEntriesAreWrittenBack()
    {
        _processes.Add(7);

        _loop.Tick();

        Assert.That(_processes.Log, Is.EqualTo(new[] { "load 7", "replace 7 a" }));
        Assert.That(_store.Load()["a"].Applied["host:7"], Is.EqualTo(new AppliedEntry(null, null)));
        Assert.That(_loop.Processes, Is.EqualTo(new Dictionary<int, string?> { [7] = "host:7" }));
    }

    [Test]
    public void NothingIsSentAgainUntilTheStoreChanges()
    {
        _processes.Add(7);
        _loop.Tick();
        _loop.Tick();
        _store.WriteApplied("other:1", new Dictionary<string, AppliedEntry> { ["a"] = new(null, "x") });
        _loop.Tick();

        _store.Set(SpecSet.Parse("""{"b": {"target": "A.B.N", "instrument": {"type": "log", "name": "n", "value": "1"}}}""")["b"]);
        _loop.Tick();

        Assert.That(_processes.Log, Is.EqualTo(new[] { "load 7", "replace 7 a", "replace 7 a,b" }));
    }

    [Test]
    public void EntriesAreReadAgainNowAndThenAndADriftIsCorrected()
    {
        _processes.Add(7);
        _loop.Tick();
        _processes.Held[7] = ["a", "added-by-hand"];

        _time.Advance(SidecarLoop.RefreshPeriod);
        _loop.Tick();
        _loop.Tick();

        Assert.That(_processes.Log, Is.EqualTo(new[] { "load 7", "replace 7 a", "list 7", "replace 7 a" }));
    }

    [Test]
    public void AProcessThatFailsIsTriedAgainLaterAndLessOften()
    {
        _processes.Add(7);
        _processes.Failing.Add(7);

        _loop.Tick();
        _loop.Tick();
        _time.Advance(SidecarLoop.FirstRetry);
        _loop.Tick();
        _time.Advance(SidecarLoop.FirstRetry);
        _loop.Tick();
        _processes.Failing.Clear();
        _time.Advance(SidecarLoop.FirstRetry);
        _loop.Tick();

        Assert.That(_processes.Log, Is.EqualTo(new[] { "load 7 failed", "load 7 failed", "load 7", "replace 7 a" }));
    }

    [Test]
    public void EndedAndExcludedProcessesAreLeftAlone()
    {
        _processes.Add(7);
        _processes.Add(8, "dotnet skip-me.dll");
        _loop.Tick();
        _processes.Remove(7);
        _loop.Tick();

        Assert.That(_loop.Processes, Is.Empty);
        Assert.That(_processes.Log, Is.EqualTo(new[] { "load 7", "replace 7 a" }));
    }

    [Test]
    public void AStoreThatCannotBeReadChangesNothing()
    {
        var loop = new SidecarLoop(new BrokenStore(), _processes, new ProcessFilter([], []), new LoggerConfiguration().CreateLogger(), _time);
        _processes.Add(7);

        loop.Tick();

        Assert.That(_processes.Log, Is.Empty);
    }

    [Test]
    public void AFollowerFollowsEachProcessOnceItIsReadyAndForgetsItWhenItEnds()
    {
        var follower = new RecordingFollower();
        var loop = new SidecarLoop(_store, _processes, new ProcessFilter([], []), new LoggerConfiguration().CreateLogger(), _time, follower);
        _processes.Add(7);
        _processes.Failing.Add(8);
        _processes.Add(8);

        loop.Tick();
        _processes.Remove(7);
        loop.Tick();

        Assert.That(follower.Log, Is.EqualTo(new[] { "follow 7 App", "forget 7" }), "8 never became ready");
    }

    private sealed class RecordingFollower : IProcessFollower
    {
        public List<string> Log { get; } = [];

        public void Follow(int pid, string name) => Log.Add($"follow {pid} {name}");

        public void Forget(int pid) => Log.Add($"forget {pid}");
    }

    private sealed class FakeProcesses : IProcessControl
    {
        private readonly Dictionary<int, string> _running = [];

        public List<string> Log { get; } = [];

        public HashSet<int> Failing { get; } = [];

        public Dictionary<int, List<string>> Held { get; } = [];

        public void Add(int pid, string commandLine = "dotnet App.dll") => _running[pid] = commandLine;

        public void Remove(int pid) => _running.Remove(pid);

        public IReadOnlyList<DotnetProcess> Scan() => _running.Select(p => new DotnetProcess(p.Key, "App", p.Value, DiagnoseState.None)).ToList();

        public ChannelResult Load(int pid)
        {
            if (Failing.Contains(pid))
            {
                Log.Add($"load {pid} failed");
                throw new CliException(ExitCodes.Unreachable, "refused");
            }

            Log.Add($"load {pid}");
            return Result("hello", pid, []);
        }

        public ChannelResult Send(int pid, ChannelCommand command)
        {
            if (command.Op == CommandOps.Replace)
            {
                Held[pid] = command.Specs!.Select(s => s.Id).ToList();
                Log.Add($"replace {pid} {string.Join(",", Held[pid])}");
                return Result(command.Op, pid, command.Specs!.Select(s => Applied(s, pid)).ToList());
            }

            Log.Add($"{command.Op} {pid}");
            var held = Held.GetValueOrDefault(pid) ?? [];
            var specs = held.Select(id => SpecSet.Parse("{\"" + id + "\": {\"target\": \"A.B.M\", \"instrument\": {\"type\": \"log\", \"name\": \"n\", \"value\": \"1\"}}}")[id]);
            return Result(command.Op, pid, specs.Select(s => Applied(s, pid)).ToList());
        }

        private static SpecReport Applied(Spec spec, int pid)
        {
            var copy = SpecSet.Parse($"{{\"{spec.Id}\": {spec.ToJson(indented: false)}}}")[spec.Id];
            copy.SetApplied($"host:{pid}", new AppliedEntry(spec.LastModifiedText, null));
            return SpecReport.For(copy, SpecReport.ChannelSource, $"host:{pid}", DateTimeOffset.UnixEpoch);
        }

        private static ChannelResult Result(string op, int pid, IReadOnlyList<SpecReport> specs) =>
            new(op, true, null, new AgentInfo(1, "1", "10.0", pid, $"host:{pid}", null), specs, []);
    }

    private sealed class BrokenStore : ISpecStore
    {
        public event EventHandler? Changed
        {
            add { }
            remove { }
        }

        public SpecSet Load() => throw new IOException("the database is down");

        public void WriteApplied(string processKey, IReadOnlyDictionary<string, AppliedEntry> entries) => throw new IOException("down");
    }
}
