using System.Reflection;
using Diagnose.Protocol.Channel;
using Diagnose.Protocol.Specs;

namespace Diagnose.Channel;

/// <summary>
/// Carries out channel commands on the channel's manager (and, for <c>list</c> and <c>use-path</c>, the manager of
/// the specs path) and describes the outcome. Commands run one at a time, on the channel's worker.
/// </summary>
internal sealed class CommandExecutor
{
    private readonly ChannelManager _manager;
    private readonly TimeProvider _time;
    private readonly Func<string?> _specsPath;
    private readonly Func<Manager?> _pathManager;
    private readonly Func<string, string?, Manager> _usePath;

    /// <param name="manager">The channel's manager.</param>
    /// <param name="time">The clock statuses are judged by.</param>
    /// <param name="specsPath">The specs path in use, if any.</param>
    /// <param name="pathManager">Its manager, if any.</param>
    /// <param name="usePath">Makes a path the specs path and applies it.</param>
    public CommandExecutor(ChannelManager manager, TimeProvider time, Func<string?> specsPath, Func<Manager?> pathManager, Func<string, string?, Manager> usePath)
    {
        _manager = manager;
        _time = time;
        _specsPath = specsPath;
        _pathManager = pathManager;
        _usePath = usePath;
    }

    public AgentInfo Agent => new(
        ChannelContract.Version,
        typeof(CommandExecutor).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0",
        Environment.Version.ToString(),
        Environment.ProcessId,
        ProcessKey.Current,
        _specsPath());

    public ChannelResult Execute(ChannelCommand command)
    {
        return command.Op switch
        {
            CommandOps.Hello => Result(command.Op, [], []),
            CommandOps.Set => Set(command),
            CommandOps.Replace => Replace(command),
            CommandOps.Remove => Remove(command),
            CommandOps.List => List(),
            CommandOps.UsePath => UsePath(command),
            _ => ChannelResult.Failure(command.Op, $"the agent (protocol version {ChannelContract.Version}) does not know the command '{command.Op}'", Agent),
        };
    }

    private ChannelResult Set(ChannelCommand command)
    {
        if (SpecsProblem(command) is { } problem)
        {
            return problem;
        }

        _manager.Store.Set(command.Specs!);
        _manager.ApplyInBackgroundOnce();
        _manager.Apply();
        return Result(command.Op, Reports(_manager.Store.Load(), SpecReport.ChannelSource, command.Specs!.Select(s => s.Id)).ToList(), []);
    }

    private ChannelResult Replace(ChannelCommand command)
    {
        if (SpecsProblem(command) is { } problem)
        {
            return problem;
        }

        var before = _manager.Store.Load();
        _manager.Store.Replace(command.Specs!, command.Tags);
        _manager.ApplyInBackgroundOnce();
        _manager.Apply();
        var reports = Reports(_manager.Store.Load(), SpecReport.ChannelSource, command.Specs!.Select(s => s.Id)).ToList();
        reports.AddRange(before.Where(s => !command.Specs!.Contains(s.Id)).Select(s => Removed(s)));
        return Result(command.Op, reports, []);
    }

    private ChannelResult Remove(ChannelCommand command)
    {
        if (command.Ids.Count == 0)
        {
            return ChannelResult.Failure(command.Op, "the command names no spec to remove ('ids' is empty)", Agent);
        }

        var reports = new List<SpecReport>();
        foreach (var id in command.Ids.Distinct(StringComparer.Ordinal))
        {
            if (_manager.Store.Load().TryGet(id, out var spec) && _manager.Store.Remove(id))
            {
                reports.Add(Removed(spec));
            }
            else if (_pathManager()?.Specs.TryGet(id, out var fromPath) == true)
            {
                reports.Add(new SpecReport(id, _specsPath() ?? "specs path", fromPath.Target, SpecStatus.Error, $"spec '{id}' comes from {_specsPath()}; remove it there", fromPath));
            }
            else
            {
                reports.Add(new SpecReport(id, SpecReport.ChannelSource, string.Empty, SpecStatus.Error, $"there is no spec '{id}' in process {Environment.ProcessId}", null));
            }
        }

        if (reports.Any(r => r.Status == SpecStatus.Removed))
        {
            _manager.Apply(); // their instruments go, and methods left without probes are restored
        }

        return Result(command.Op, reports, []);
    }

    private ChannelResult List()
    {
        var reports = Reports(_manager.Store.Load(), SpecReport.ChannelSource, null).ToList();
        if (_pathManager() is { } pathManager)
        {
            reports.AddRange(Reports(pathManager.Specs, _specsPath() ?? "specs path", null));
        }

        var probes = Probes.Active.Values
            .OrderBy(p => p.Target, StringComparer.Ordinal)
            .Select(p => new ProbeReport(p.Target, p.State.ToString().ToLowerInvariant(), p.Error, p.Instruments.Values.Select(i => i.Name).ToList(), p.Instruments.Values.Select(Report).ToList()))
            .ToList();
        return Result(CommandOps.List, reports, probes);
    }

    private ChannelResult UsePath(ChannelCommand command)
    {
        var path = command.Path;
        if (string.IsNullOrWhiteSpace(path) || !Path.IsPathFullyQualified(path))
        {
            return ChannelResult.Failure(command.Op, "'path' must be an absolute path", Agent);
        }

        if (!File.Exists(path) && !Directory.Exists(path))
        {
            return ChannelResult.Failure(command.Op, $"{path} does not exist in the file system of process {Environment.ProcessId}", Agent);
        }

        var manager = _usePath(path, command.KeyFile);
        return Result(command.Op, Reports(manager.Specs, path, null).ToList(), []);
    }

    private ChannelResult? SpecsProblem(ChannelCommand command)
    {
        if (command.Specs is null)
        {
            return ChannelResult.Failure(command.Op, "the command has no 'specs'", Agent);
        }

        return command.Specs.DocumentErrors.Count > 0
            ? ChannelResult.Failure(command.Op, string.Join("; ", command.Specs.DocumentErrors), Agent)
            : null;
    }

    private IEnumerable<SpecReport> Reports(SpecSet specs, string source, IEnumerable<string>? ids)
    {
        var now = _time.GetUtcNow();
        var wanted = ids?.ToHashSet(StringComparer.Ordinal);
        return specs.Where(s => wanted is null || wanted.Contains(s.Id)).Select(s => SpecReport.For(s, source, ProcessKey.Current, now));
    }

    /// <summary>
    /// An instrument with its counters, whether the guardrails (or an error) switched it off, its event, the elapsed
    /// times of the calls it fired on (return and end) and its last line (log).
    /// </summary>
    private static InstrumentReport Report(Instrument instrument)
    {
        var (status, reason) = instrument.Error is { } error ? SpecStatus.Of(new AppliedEntry(null, error)) : (InstrumentReport.On, null);
        var guard = instrument.GuardIfMade;
        return new InstrumentReport(instrument.Id, instrument.Name, status, reason, instrument.Stats, instrument.Event.ToString().ToLowerInvariant(), guard?.Elapsed?.Summary(), guard?.LastLine);
    }

    private static SpecReport Removed(Spec spec) => new(spec.Id, SpecReport.ChannelSource, spec.Target, SpecStatus.Removed, null, null);

    private ChannelResult Result(string op, IReadOnlyList<SpecReport> specs, IReadOnlyList<ProbeReport> probes) =>
        new(op, true, null, Agent, specs, probes);
}
