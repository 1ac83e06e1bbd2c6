using System.Reflection;
using Diagnose.Engine;
using Diagnose.Targets;

namespace Diagnose;

/// <summary>
/// Where to instrument: a target method (all its overloads unless one is named) and the instruments that fire
/// there. <see cref="Start"/> rewrites the method's code; <see cref="Stop"/>, or the last instrument going away,
/// restores it.
/// </summary>
public sealed class Probe
{
    private readonly object _gate = new();
    private readonly InstrumentCollection _instruments;
    private IReadOnlyList<MethodBase> _methods = [];

    private readonly IReadOnlyList<MethodBase>? _fixedMethods;

    internal Probe(string target)
    {
        Target = target;
        Name = TargetName.Parse(target);
        _instruments = new InstrumentCollection(InstrumentsChanged);
    }

    private Probe(string name, IReadOnlyList<MethodBase> methods)
    {
        Target = name;
        Name = new TargetName(name, null, string.Empty, name, null);
        _fixedMethods = methods;
        _instruments = new InstrumentCollection(InstrumentsChanged);
    }

    public string Target { get; }

    /// <summary>Instruments by name; adding or removing one while the probe runs takes effect at once.</summary>
    public IDictionary<string, Instrument> Instruments => _instruments;

    public ProbeState State { get; private set; }

    /// <summary>Why the probe is not installed (pending or failed), or null.</summary>
    public string? Error { get; private set; }

    /// <summary>The methods the probe is installed on.</summary>
    public IReadOnlyList<MethodBase> Methods => _methods;

    public bool IsActive => State is ProbeState.Installed or ProbeState.Pending;

    internal TargetName Name { get; }

    /// <summary>Installs the probe. A target whose assembly or type is not loaded yet stays <see cref="ProbeState.Pending"/>.</summary>
    /// <exception cref="DiagnoseException">The target names nothing that can be probed, or the profiler is not available.</exception>
    public void Start()
    {
        lock (_gate)
        {
            if (IsActive)
            {
                return;
            }

            Probes.Register(this);
            try
            {
                TryInstall(throwOnError: true);
            }
            catch
            {
                Probes.Unregister(this);
                throw;
            }
        }
    }

    /// <summary>Removes the probe's instruments from its methods (restored when no other probe is on them).</summary>
    public void Stop()
    {
        lock (_gate)
        {
            if (State == ProbeState.Stopped)
            {
                return;
            }

            State = ProbeState.Stopped;
            Error = null;
            _methods = [];
            Probes.Unregister(this);
            if (Name.Exceptions is not null)
            {
                Snapshots.ExceptionWatch.Remove(this);
            }

            ProbeEngine.Instance.Uninstall(this);
        }
    }

    public override string ToString() => $"Probe({Target}, {State})";

    /// <summary>
    /// A probe on exactly these methods, named <paramref name="name"/> (not resolved from a target text): for tools
    /// that pick methods by reflection, e.g. the differential suite probing every method of an assembly.
    /// </summary>
    internal static Probe ForMethods(string name, IReadOnlyList<MethodBase> methods) => new(name, methods);

    /// <summary>Why each of the probe's methods could not be probed, after <see cref="Start"/>.</summary>
    internal IReadOnlyDictionary<MethodBase, string> MethodErrors { get; private set; } = new Dictionary<MethodBase, string>();

    /// <summary>The instruments to install now: enabled ones.</summary>
    internal IReadOnlyList<Instrument> CurrentInstruments() =>
        _instruments.Snapshot().Select(p => p.Value).Where(i => i.IsEnabled).ToList();

    /// <summary>Drops instruments whose lifespan is over; with none left the probe stops and its methods are restored.</summary>
    internal void RemoveExpired(DateTimeOffset now)
    {
        if (!_instruments.RemoveExpired(now))
        {
            return;
        }

        if (_instruments.Count == 0)
        {
            Stop();
        }
        else
        {
            InstrumentsChanged();
        }
    }

    /// <summary>
    /// An assembly loaded: installs the probe if it is still pending. Another thread may have installed or stopped it
    /// since the caller saw it pending; then nothing is done (installing twice would re-JIT its methods again).
    /// </summary>
    /// <exception cref="AgentBusyException">Inside an assembly load, another agent thread kept a lock too long.</exception>
    internal bool TryInstallPending()
    {
        using var held = LoadEventGate.Enter(_gate);
        return State == ProbeState.Pending && TryInstall(throwOnError: false);
    }

    /// <summary>Tries to install; pending targets stay registered for assembly loads. True when installed.</summary>
    internal bool TryInstall(bool throwOnError)
    {
        lock (_gate)
        {
            if (Name.Exceptions is { } pattern)
            {
                if (!CurrentInstruments().Any(i => i is SnapshotInstrument))
                {
                    return Failed("an exceptions probe takes snapshot instruments (--type snapshot): the snapshot of a throw is what it writes", throwOnError);
                }

                Snapshots.ExceptionWatch.Add(this, pattern);
                State = ProbeState.Installed;
                Error = null;
                return true;
            }

            TargetResolution resolution;
            try
            {
                resolution = _fixedMethods is not null ? Fixed(_fixedMethods) : TargetResolver.Resolve(Name, AppDomain.CurrentDomain.GetAssemblies());
            }
            catch (DiagnoseException e)
            {
                return Failed(e.Message, throwOnError);
            }

            if (resolution.IsPending)
            {
                State = ProbeState.Pending;
                Error = resolution.PendingReason;
                return false;
            }

            var errors = ProbeEngine.Instance.Install(this, resolution.Methods);
            MethodErrors = errors.Concat(_refusals).ToDictionary(e => e.Key, e => e.Value);
            _methods = resolution.Methods.Where(m => !errors.ContainsKey(m)).ToList();
            if (_methods.Count == 0)
            {
                ProbeEngine.Instance.Uninstall(this);
                return Failed(errors.Values.First(), throwOnError);
            }

            State = ProbeState.Installed;
            Error = errors.Count > 0 ? string.Join("; ", errors.Values) : null;
            return true;
        }
    }

    /// <summary>A batched re-JIT of one of the probe's methods failed after it was counted as installed.</summary>
    internal void ReportFailure(MethodBase method, string error)
    {
        lock (_gate)
        {
            _methods = _methods.Where(m => m != method).ToList();
            Error = Error is null ? error : $"{Error}; {error}";
            if (_methods.Count == 0 && State == ProbeState.Installed)
            {
                State = ProbeState.Failed;
            }
        }
    }

    private readonly Dictionary<MethodBase, string> _refusals = new();

    /// <summary>The fixed methods that can be probed; the others are kept with their refusal.</summary>
    private TargetResolution Fixed(IReadOnlyList<MethodBase> methods)
    {
        _refusals.Clear();
        foreach (var method in methods)
        {
            if (TargetResolver.Refusal(method) is { } reason)
            {
                _refusals[method] = $"cannot probe '{Sites.CallerInfo.Describe(method)}': {reason}";
            }
        }

        var probeable = methods.Where(m => !_refusals.ContainsKey(m)).ToList();
        return probeable.Count > 0 ? TargetResolution.Found(probeable) : throw new DiagnoseException(_refusals.Values.FirstOrDefault() ?? $"'{Target}' names no method");
    }

    private bool Failed(string error, bool throwOnError)
    {
        State = ProbeState.Failed;
        Error = error;
        if (throwOnError)
        {
            throw new DiagnoseException(error);
        }

        return false;
    }

    /// <summary>Rebuilds the probe's sites with its enabled instruments (one was switched off).</summary>
    internal void Refresh() => InstrumentsChanged();

    private void InstrumentsChanged()
    {
        if (Name.Line is { } line)
        {
            // A line probe's instruments fire at the line, whatever event they were made with.
            foreach (var (_, instrument) in _instruments.Snapshot())
            {
                instrument.Event = InstrumentEvent.Line;
                instrument.Line = line;
            }
        }

        lock (_gate)
        {
            if (State == ProbeState.Installed)
            {
                var errors = ProbeEngine.Instance.Refresh(this);
                Error = errors.Count > 0 ? string.Join("; ", errors.Values) : null;
            }
        }
    }
}
