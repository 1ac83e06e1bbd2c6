using Diagnose.Protocol.Channel;
using Diagnose.Protocol.Specs;
using Serilog;

namespace Diagnose.Cli.Sidecar;

/// <summary>
/// One sidecar's work, a round at a time (<see cref="Tick"/>): read the store; load Diagnose into every wanted
/// process that has appeared; send the store's specs to each process that has not got this version yet (as its
/// whole channel set, so the store is the truth); now and then ask each for its applied entries; and write every
/// process's entries back into the store. A process that cannot be reached is tried again later, less and less often.
/// </summary>
internal sealed class SidecarLoop
{
    /// <summary>How often the applied entries of a process in line are read again (errors while firing, expiry).</summary>
    public static readonly TimeSpan RefreshPeriod = TimeSpan.FromSeconds(15);

    public static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan LastRetry = TimeSpan.FromMinutes(5);

    private readonly ISpecStore _store;
    private readonly IProcessControl _control;
    private readonly ProcessFilter _filter;
    private readonly ILogger _log;
    private readonly TimeProvider _time;
    private readonly IProcessFollower? _follower;
    private readonly Dictionary<int, Tracked> _processes = [];
    private readonly SpecKey? _key;
    private readonly string? _settingsFile;
    private string? _settingsProblem;
    private DesiredSpecs? _desired;
    private string? _storeError;

    /// <param name="settingsFile">The settings.json beside a store on disk, whose tags go with the specs; null: none.</param>
    public SidecarLoop(ISpecStore store, IProcessControl control, ProcessFilter filter, ILogger log, TimeProvider time, IProcessFollower? follower = null, SpecKey? key = null, string? settingsFile = null)
    {
        _settingsFile = settingsFile;
        _key = key;
        _follower = follower;
        _store = store;
        _control = control;
        _filter = filter;
        _log = log;
        _time = time;
    }

    /// <summary>The processes being taken care of, by pid, with their process keys once known.</summary>
    public IReadOnlyDictionary<int, string?> Processes => _processes.ToDictionary(p => p.Key, p => p.Value.Key);

    public void Tick()
    {
        var now = _time.GetUtcNow();
        if (!ReadStore())
        {
            return;
        }

        var seen = _control.Scan().Where(_filter.Wants).ToList();
        foreach (var gone in _processes.Keys.Except(seen.Select(p => p.Pid)).ToList())
        {
            _log.Information("process {Pid} has ended", gone);
            _processes.Remove(gone);
            _follower?.Forget(gone);
        }

        foreach (var process in seen)
        {
            if (!_processes.TryGetValue(process.Pid, out var tracked))
            {
                _processes[process.Pid] = tracked = new Tracked(process.Name);
            }

            if (now >= tracked.RetryAt)
            {
                Serve(process.Pid, tracked, now);
            }
        }
    }

    private bool ReadStore()
    {
        try
        {
            _desired = DesiredSpecs.From(_store.Load(), _key, SettingsTags());
            if (_storeError is not null)
            {
                _log.Information("the store can be read again");
                _storeError = null;
            }

            foreach (var problem in _store.Load().DocumentErrors)
            {
                _log.Debug("store: {Problem}", problem);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            if (_storeError != e.Message)
            {
                _log.Warning("cannot read the store: {Error}; the processes keep their specs", e.Message);
                _storeError = e.Message;
            }
        }

        return _desired is not null;
    }

    /// <summary>The tags of the settings.json beside the store (null: no file); a new problem with it is logged once.</summary>
    private IReadOnlyList<string>? SettingsTags()
    {
        if (_settingsFile is null || !File.Exists(_settingsFile))
        {
            return null;
        }

        var problems = new List<string>();
        var tags = SettingsFile.Tags(_settingsFile, problems);
        var problem = problems.Count == 0 ? null : string.Join("; ", problems);
        if (problem is not null && problem != _settingsProblem)
        {
            _log.Warning("store: {Problem}", problem);
        }

        _settingsProblem = problem;
        return tags;
    }

    private void Serve(int pid, Tracked tracked, DateTimeOffset now)
    {
        try
        {
            if (tracked.Key is null)
            {
                var hello = _control.Load(pid);
                tracked.Key = hello.Agent?.Process ?? ProcessKey.For(Environment.MachineName, pid);
                _log.Information("process {Pid} ({Name}): Diagnose is ready (agent protocol {Protocol})", pid, tracked.Name, hello.Agent?.Protocol);
            }

            _follower?.Follow(pid, tracked.Name);

            if (tracked.Sent != _desired!.Fingerprint)
            {
                var result = _control.Send(pid, ChannelCommand.Replace(_desired.Specs, _desired.Tags));
                tracked.Sent = _desired.Fingerprint;
                tracked.ListedAt = now;
                Summarize(pid, result);
                WriteBack(tracked.Key, result);
            }
            else if (now - tracked.ListedAt >= RefreshPeriod)
            {
                var result = _control.Send(pid, ChannelCommand.List());
                tracked.ListedAt = now;
                WriteBack(tracked.Key, result);
                var held = result.Specs.Where(s => s.Source == SpecReport.ChannelSource).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
                if (!held.SetEquals(_desired.Specs.Select(s => s.Id)))
                {
                    _log.Information("process {Pid}: its specs were changed by someone else; sending the store's again", pid);
                    tracked.Sent = null; // someone else changed the process's specs: the store is the truth
                }
            }

            tracked.Failures = 0;
            tracked.RetryAt = DateTimeOffset.MinValue;
        }
        catch (CliException e)
        {
            tracked.Failures++;
            var wait = TimeSpan.FromTicks(Math.Min(LastRetry.Ticks, FirstRetry.Ticks << Math.Min(tracked.Failures - 1, 16)));
            tracked.RetryAt = now + wait;
            tracked.Key = null; // load and send everything again next time
            tracked.Sent = null;
            _log.Warning("process {Pid} ({Name}): {Error}; trying again in {Seconds} s", pid, tracked.Name, e.Message, (int)wait.TotalSeconds);
        }
    }

    private void Summarize(int pid, ChannelResult result)
    {
        var channel = result.Specs.Where(s => s.Source == SpecReport.ChannelSource && s.Status != SpecStatus.Removed).ToList();
        _log.Information(
            "process {Pid}: {Count} specs sent: {Installed} installed, {Pending} pending, {Failed} failed",
            pid,
            channel.Count,
            channel.Count(s => s.Status == SpecStatus.Installed),
            channel.Count(s => s.Status == SpecStatus.Pending),
            channel.Count(s => !SpecStatus.IsSuccess(s.Status)));
        foreach (var (spec, error) in _desired!.Refused)
        {
            _log.Warning("process {Pid}: spec {SpecId} not sent: {Error}", pid, spec.Id, error);
        }

        foreach (var failed in channel.Where(s => !SpecStatus.IsSuccess(s.Status)))
        {
            _log.Warning("process {Pid}: spec {SpecId} on {Target}: {Outcome}", pid, failed.Id, failed.Target, SpecStatus.Describe(failed.Status, failed.Reason));
        }
    }

    private void WriteBack(string key, ChannelResult result)
    {
        var entries = new Dictionary<string, AppliedEntry>(StringComparer.Ordinal);
        foreach (var (spec, error) in _desired!.Refused)
        {
            entries[spec.Id] = AppliedEntry.For(spec, error);
        }

        foreach (var report in result.Specs.Where(s => s.Source == SpecReport.ChannelSource))
        {
            if (report.Spec is not null && report.Spec.Applied.TryGetValue(key, out var entry))
            {
                entries[report.Id] = entry;
            }
        }

        if (entries.Count == 0)
        {
            return;
        }

        try
        {
            _store.WriteApplied(key, entries);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _log.Warning("cannot write the applied entries of {Process} into the store: {Error}", key, e.Message);
        }
    }

    private sealed class Tracked(string name)
    {
        public string Name { get; } = name;

        public string? Key { get; set; }

        public string? Sent { get; set; }

        public DateTimeOffset ListedAt { get; set; }

        public int Failures { get; set; }

        public DateTimeOffset RetryAt { get; set; } = DateTimeOffset.MinValue;
    }
}
