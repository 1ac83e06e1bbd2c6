using Diagnose.Engine;
using Diagnose.Expressions;
using Diagnose.Protocol.Specs;
using Diagnose.Targets;

namespace Diagnose;

/// <summary>
/// Keeps this process's probes in line with a set of specs (diagnose's InstrumentManager): <see cref="Apply"/> adds,
/// updates, replaces, retargets and removes instruments, drops expired ones, and records per spec what happened in
/// its <c>applied</c> entry for this process. One bad spec never stops the others.
/// </summary>
public class Manager : IDisposable
{
    private static int s_next;

    private readonly ISpecStore _store;
    private readonly TimeProvider _time;
    private readonly object _applyGate = new();
    private readonly string _prefix;
    private readonly Dictionary<string, string> _runtimeErrors = new();
    private readonly Dictionary<string, (string? Definition, string? Version, string Reason, ProbeStats? Stats)> _switchedOff = new();
    private Timer? _background;
    private (SpecKey? Key, string? Problem)? _trust;
    private readonly ITimer _stats;

    /// <summary>A manager whose specs are set in code (<see cref="Specs"/>).</summary>
    public Manager()
        : this(new MemorySpecStore(), TimeProvider.System)
    {
    }

    internal Manager(ISpecStore store, TimeProvider time)
    {
        _store = store;
        _time = time;
        _prefix = $"m{Interlocked.Increment(ref s_next)}:";
        foreach (var (name, type) in Management.InstrumentFactory.BuiltIn)
        {
            InstrumentClasses[name] = type;
        }

        foreach (var (name, value) in ExpressionOptions.BuiltinGlobals)
        {
            GlobalNamespace[name] = value;
        }

        // A pending target that installs when its assembly loads: record the outcome now, not at the next period.
        Probes.PendingTried += OnStoreChanged;
        _stats = _time.CreateTimer(_ => SafeRefreshStats(), null, StatsPeriod, StatsPeriod);
    }

    /// <summary>
    /// Instrument types by spec type name: log, hist, incr, gauge, test, and any you add. A name not here that is the
    /// full name of a public instrument class in a loaded assembly (<c>MyCompany.Diag.SlowLog</c>) is that class.
    /// </summary>
    public IDictionary<string, Type> InstrumentClasses { get; } = new Dictionary<string, Type>(StringComparer.Ordinal);

    /// <summary>Names every expression can use: <c>len</c>, <c>mag</c>, and your functions (delegates) and values.</summary>
    public IDictionary<string, object?> GlobalNamespace { get; } = new Dictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>Allows expressions with side effects (any call, <c>new</c>). Off by default.</summary>
    public bool Unrestricted { get; set; }

    /// <summary>The desired specs. Setting them is possible for a manager made in code.</summary>
    public SpecSet Specs
    {
        get => _store.Load();
        set => (_store as MemorySpecStore ?? throw new InvalidOperationException("this manager reads its specs from a store")).Replace(value);
    }

    /// <summary>"&lt;host&gt;:&lt;pid&gt;", the key of this process in each spec's <c>applied</c>.</summary>
    public string ProcessKey => Protocol.Specs.ProcessKey.Current;

    /// <summary>A manager over a JSON file or a directory of them (e.g. a mounted ConfigMap), polled for changes.</summary>
    public static Manager ForPath(string path) => ForPath(path, null);

    /// <summary>
    /// Like <see cref="ForPath(string)"/>; with <paramref name="keyFile"/>, a spec runs only when it carries a valid
    /// signature made with the key in that file (read now; a key that cannot be read refuses every spec).
    /// </summary>
    internal static Manager ForPath(string path, string? keyFile)
    {
        var store = new DirectorySpecStore(path, message => AgentLog.Warning($"specs {path}: {message}"));
        store.StartPolling();
        var manager = new PathManager(store, path);
        if (keyFile is not null)
        {
            manager.RequireSignatures(keyFile);
        }

        return manager;
    }

    /// <summary>
    /// From now on only specs signed with the key in <paramref name="keyFile"/> run (see <see cref="SpecSignature"/>);
    /// the others get why in their applied entry. A key that cannot be read refuses every spec, with the reason.
    /// </summary>
    internal void RequireSignatures(string keyFile)
    {
        try
        {
            _trust = (SpecKey.Read(keyFile), null);
        }
        catch (InvalidDataException e)
        {
            _trust = (null, $"{e.Message} (until then no spec runs)");
            AgentLog.Error(e.Message);
        }
    }

    /// <summary>Reconciles the probes with the specs now.</summary>
    public void Apply()
    {
        using var agent = Hooks.ReentryGuard.Agent();
        lock (_applyGate)
        {
            var specs = _store.Load();
            var now = _time.GetUtcNow();
            var entries = new Dictionary<string, AppliedEntry>();
            var desired = new Dictionary<string, (Spec Spec, Type Type, string Target)>();
            foreach (var spec in specs)
            {
                var error = Validate(spec, now, out var type, out var target);
                if (error is not null)
                {
                    entries[spec.Id] = AppliedEntry.For(spec, error);
                }
                else if (type is not null)
                {
                    desired[_prefix + spec.Id] = (spec, type, target!);
                }
            }

            try
            {
                var tags = desired.Count == 0 ? [] : GetTags().ToArray();
                using (ProbeEngine.Instance.Batch())
                {
                    RemoveStale(desired);
                    foreach (var (key, wanted) in desired)
                    {
                        entries[wanted.Spec.Id] = AppliedEntry.For(wanted.Spec, Install(key, wanted.Spec, wanted.Type, wanted.Target, tags));
                    }
                }

                foreach (var (key, wanted) in desired)
                {
                    // Batched re-JIT failures and compile errors are known only now.
                    entries[wanted.Spec.Id] = AppliedEntry.For(wanted.Spec, ErrorOf(key, wanted.Target) ?? entries[wanted.Spec.Id].Error) with { Stats = StatsOf(key, wanted.Target) };
                }
            }
            catch (DiagnoseException e)
            {
                // No profiler: every spec gets the reason.
                foreach (var wanted in desired.Values)
                {
                    entries[wanted.Spec.Id] = AppliedEntry.For(wanted.Spec, e.Message);
                }
            }

            Write(entries);
        }
    }

    /// <summary>
    /// Writes the counters of this manager's instruments into their <c>applied</c> entries where they changed (the
    /// manager does it every <see cref="StatsPeriod"/> on its own).
    /// </summary>
    internal void RefreshStats()
    {
        using var agent = Hooks.ReentryGuard.Agent();
        lock (_applyGate)
        {
            var active = Probes.Active;
            var changed = new Dictionary<string, AppliedEntry>();
            foreach (var spec in _store.Load())
            {
                if (spec.Applied.TryGetValue(ProcessKey, out var current) && current.LastModified == spec.LastModifiedText
                    && active.TryGetValue(spec.Target.Trim(), out var probe) && probe.Instruments.TryGetValue(_prefix + spec.Id, out var instrument)
                    && instrument.Stats is { } stats && stats != current.Stats)
                {
                    changed[spec.Id] = current with { Stats = stats };
                }
            }

            if (changed.Count > 0)
            {
                _store.WriteApplied(ProcessKey, changed);
            }
        }
    }

    /// <summary>How often counters are written into <c>applied</c> entries.</summary>
    internal static TimeSpan StatsPeriod { get; } = TimeSpan.FromSeconds(3);

    /// <summary>Applies every <paramref name="period"/> and whenever the store reports a change, until stopped.</summary>
    public void ApplyInBackground(TimeSpan period)
    {
        lock (_applyGate)
        {
            StopApplyingInBackground();
            _background = new Timer(_ => SafeApply(), null, period, period);
            _store.Changed += OnStoreChanged;
        }
    }

    public void StopApplyingInBackground()
    {
        lock (_applyGate)
        {
            _store.Changed -= OnStoreChanged;
            _background?.Dispose();
            _background = null;
        }
    }

    /// <summary>Stops background applying and removes this manager's instruments (their methods are restored).</summary>
    public void Dispose()
    {
        Probes.PendingTried -= OnStoreChanged;
        _stats.Dispose();
        StopApplyingInBackground();
        lock (_applyGate)
        {
            if (Probes.Active.Count > 0)
            {
                using (ProbeEngine.Instance.Batch())
                {
                    RemoveStale(new Dictionary<string, (Spec, Type, string)>());
                }
            }
        }

        if (_store is IDisposable disposable)
        {
            disposable.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Whether an instrument may fire for this call. Overriding it costs a boxed argument array per call.</summary>
    protected internal virtual bool CheckCall(Probe probe, Instrument instrument, object?[] args) => true;

    /// <summary>Tags ("key:value") sent before every instrument's own, read when specs are applied.</summary>
    protected virtual IEnumerable<string> GetTags() => [];

    /// <summary>Called for every error: a bad spec, a target that cannot be probed, an instrument that failed.</summary>
    protected virtual void HandleError(Probe? probe, Instrument? instrument, string error) =>
        AgentLog.Warning($"{(instrument is null ? string.Empty : $"instrument '{instrument.Name}': ")}{error}");

    private string? Validate(Spec spec, DateTimeOffset now, out Type? type, out string? target)
    {
        type = null;
        target = null;
        if (_trust is var (key, problem) && (problem ?? SpecSignature.Refusal(key!, spec)) is { } untrusted)
        {
            return untrusted;
        }

        if (!spec.IsValid)
        {
            return spec.Error;
        }

        if (spec.IsExpired(now))
        {
            return null; // not desired: removed below, its method restored
        }

        if (Redaction.Redactor.Current.Problem is { } redaction)
        {
            return redaction;
        }

        type = Management.InstrumentTypes.Find(spec.Instrument.Type, InstrumentClasses, out var unusable);
        if (type is null)
        {
            return unusable;
        }

        try
        {
            target = TargetName.Parse(spec.Target).Text;
            return null;
        }
        catch (DiagnoseException e)
        {
            type = null;
            return e.Message;
        }
    }

    /// <summary>Removes this manager's instruments that no spec wants any more (or wants on another target).</summary>
    private void RemoveStale(IReadOnlyDictionary<string, (Spec Spec, Type Type, string Target)> desired)
    {
        foreach (var key in _switchedOff.Keys.Where(k => !desired.ContainsKey(k)).ToList())
        {
            _switchedOff.Remove(key);
            _runtimeErrors.Remove(key);
        }

        foreach (var probe in Probes.Active.Values)
        {
            foreach (var key in probe.Instruments.Keys.Where(k => k.StartsWith(_prefix, StringComparison.Ordinal)).ToList())
            {
                if (!desired.TryGetValue(key, out var wanted) || wanted.Target != probe.Target)
                {
                    probe.Instruments.Remove(key);
                    _runtimeErrors.Remove(key);
                }
            }

            if (probe.Instruments.Count == 0)
            {
                probe.Stop();
            }
        }
    }

    /// <summary>
    /// Adds or replaces the spec's instrument (also when the manager's tags changed) and starts its probe; returns the
    /// error, if any.
    /// </summary>
    private string? Install(string key, Spec spec, Type type, string target, string[] tags)
    {
        Probe? probe = null;
        Instrument? instrument = null;
        try
        {
            probe = Probes.AttachTo(target);
            var definition = Management.InstrumentFactory.Definition(spec, type);
            // An instrument the guardrails switched off (budget, max hits) stays off, its method restored, until a new
            // version of its spec arrives; one that failed stays (disabled) until its definition changes.
            if (_switchedOff.TryGetValue(key, out var off))
            {
                if (off.Definition == definition && off.Version == spec.LastModifiedText)
                {
                    return off.Reason;
                }

                _switchedOff.Remove(key);
            }

            if (!probe.Instruments.TryGetValue(key, out instrument) || instrument.Definition != definition || instrument.GetType() != type || !instrument.ManagerTags.SequenceEqual(tags)
                || (!instrument.IsEnabled && instrument.SourceVersion != spec.LastModifiedText))
            {
                instrument = Management.InstrumentFactory.Create(type, spec);
                instrument.Definition = definition;
                instrument.SourceVersion = spec.LastModifiedText;
                instrument.Id = spec.Id;
                instrument.Options = new ExpressionOptions { Unrestricted = Unrestricted, Globals = new Dictionary<string, object?>(GlobalNamespace) };
                instrument.ManagerTags = tags;
                instrument.ErrorReported = (failed, error) => OnInstrumentError(key, spec.Id, failed, error);
                if (GetType().GetMethod(nameof(CheckCall), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.DeclaringType != typeof(Manager))
                {
                    var owner = probe;
                    instrument.Gate = args => CheckCall(owner, instrument, args);
                }

                _runtimeErrors.Remove(key);
                probe.Instruments[key] = instrument;
            }

            if (!probe.IsActive)
            {
                probe.Start();
            }

            return null;
        }
        catch (DiagnoseException e)
        {
            return e.Message;
        }
    }

    /// <summary>The error to report for an installed spec: its instrument's, else its probe's.</summary>
    private string? ErrorOf(string key, string target)
    {
        if (_runtimeErrors.TryGetValue(key, out var runtime))
        {
            return runtime;
        }

        if (!Probes.Active.TryGetValue(target, out var probe))
        {
            return null;
        }

        if (probe.Instruments.TryGetValue(key, out var instrument) && instrument.Error is { } error)
        {
            return error;
        }

        return probe.State switch
        {
            ProbeState.Pending => $"pending: {probe.Error}",
            ProbeState.Failed => probe.Error,
            _ => probe.Error,
        };
    }

    private ProbeStats? StatsOf(string key, string target) =>
        _switchedOff.TryGetValue(key, out var off) ? off.Stats
        : Probes.Active.TryGetValue(target, out var probe) && probe.Instruments.TryGetValue(key, out var instrument) ? instrument.Stats : null;

    /// <summary>
    /// The guardrails switched an instrument off: it leaves its probe (a probe left with none stops, and its methods
    /// get their original code back) and is remembered with its reason and counters until its spec changes.
    /// </summary>
    private void SwitchOff(string key, Instrument instrument, string reason)
    {
        _switchedOff[key] = (instrument.Definition, instrument.SourceVersion, reason, instrument.Stats);
        foreach (var probe in Probes.Active.Values.Where(p => p.Instruments.TryGetValue(key, out var held) && held == instrument))
        {
            using (ProbeEngine.Instance.Batch())
            {
                probe.Instruments.Remove(key);
                if (probe.Instruments.Count == 0)
                {
                    probe.Stop();
                }
            }
        }
    }

    private void SafeRefreshStats()
    {
        try
        {
            RefreshStats();
        }
        catch (Exception e)
        {
            AgentLog.Error($"writing probe counters failed: {e.Message}");
        }
    }

    private void OnInstrumentError(string key, string specId, Instrument instrument, string error)
    {
        // Called on the probed method's thread: record now, write to the store off that thread.
        lock (_runtimeErrors)
        {
            _runtimeErrors[key] = error;
        }

        ThreadPool.UnsafeQueueUserWorkItem(_ =>
        {
            try
            {
                using var agent = Hooks.ReentryGuard.Agent();
                lock (_applyGate)
                {
                    var status = Protocol.Channel.SpecStatus.Of(new AppliedEntry(null, error)).Status;
                    if (status is Protocol.Channel.SpecStatus.Disabled or Protocol.Channel.SpecStatus.Expired)
                    {
                        SwitchOff(key, instrument, error);
                    }

                    if (_store.Load().TryGet(specId, out var spec))
                    {
                        Write(new Dictionary<string, AppliedEntry> { [specId] = AppliedEntry.For(spec, error) with { Stats = instrument.Stats } });
                    }
                }
            }
            catch (Exception e)
            {
                AgentLog.Error($"reporting an instrument error failed: {e.Message}");
            }
        }, null);
    }

    /// <summary>Records the entries that differ from what the store holds; errors that are new go to <see cref="HandleError"/>.</summary>
    private void Write(Dictionary<string, AppliedEntry> entries)
    {
        var stored = _store.Load();
        var changed = entries
            .Where(e => !stored.TryGet(e.Key, out var spec) || !spec.Applied.TryGetValue(ProcessKey, out var current) || current != e.Value)
            .ToDictionary(e => e.Key, e => e.Value);
        if (changed.Count == 0)
        {
            return;
        }

        foreach (var (id, entry) in changed)
        {
            if (entry.Error is { } error && Protocol.Channel.SpecStatus.Of(entry).Status is Protocol.Channel.SpecStatus.Error or Protocol.Channel.SpecStatus.Disabled)
            {
                var probe = stored.TryGet(id, out var spec) && Probes.Active.TryGetValue(spec.Target.Trim(), out var active) ? active : null;
                HandleError(probe, probe?.Instruments.TryGetValue(_prefix + id, out var instrument) == true ? instrument : null, $"spec '{id}': {error}");
            }
        }

        _store.WriteApplied(ProcessKey, changed);
    }

    private void OnStoreChanged(object? sender, EventArgs e) => OnStoreChanged();

    private void OnStoreChanged() => ThreadPool.UnsafeQueueUserWorkItem(_ => SafeApply(), null);

    private void SafeApply()
    {
        try
        {
            Apply();
        }
        catch (Exception e)
        {
            HandleError(null, null, $"applying specs failed: {e.Message}");
        }
    }

    /// <summary>The manager of a specs path: its manager tags are DIAGNOSE_TAGS and settings.json beside the specs.</summary>
    private sealed class PathManager(ISpecStore store, string path) : Manager(store, TimeProvider.System)
    {
        protected override IEnumerable<string> GetTags() => Management.OutOfBandTags.Read(path);
    }
}
