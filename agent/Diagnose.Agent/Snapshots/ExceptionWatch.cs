using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Text.Json.Nodes;
using Diagnose.Hooks;
using Diagnose.Redaction;

namespace Diagnose.Snapshots;

/// <summary>
/// Exceptions probes (<c>exceptions:PATTERN</c>): while one runs, the agent watches first-chance exceptions (code
/// that throws nothing pays nothing). An exception of a matching type (its own or a base type) thrown in the app's
/// code, or passing through it from the framework, is traced to its throw site: the first app frame on the stack and
/// its IL offset. The first throw at a site writes a snapshot of the exception and the stack at once (the frame's
/// arguments and locals cannot be read from outside it) and instruments that method with an end probe that snapshots
/// the frame, arguments, this and locals included, when it exits by such an exception: that is the snapshot of the
/// next throw. At most one such snapshot per exception type and throw site a minute (<c>custom.everySeconds</c>); at
/// most <see cref="MaxSites"/> methods are instrumented per probe, later sites get the first snapshot only.
/// </summary>
internal static class ExceptionWatch
{
    internal const int MaxSites = 20;

    private static readonly object s_gate = new();
    private static readonly List<Watch> s_watches = new();
    private static bool s_subscribed;

    /// <summary>Starts watching for <paramref name="probe"/> (its instruments name the snapshots and their limits).</summary>
    public static void Add(Probe probe, string pattern)
    {
        lock (s_gate)
        {
            s_watches.RemoveAll(w => w.Probe == probe);
            s_watches.Add(new Watch(probe, new TypeRule([pattern])));
            if (!s_subscribed)
            {
                AppDomain.CurrentDomain.FirstChanceException += OnFirstChance;
                s_subscribed = true;
            }
        }
    }

    /// <summary>Stops watching for <paramref name="probe"/> and removes the probes it put on throwing methods.</summary>
    public static void Remove(Probe probe)
    {
        List<Watch> removed;
        lock (s_gate)
        {
            removed = s_watches.Where(w => w.Probe == probe).ToList();
            s_watches.RemoveAll(w => w.Probe == probe);
            if (s_watches.Count == 0 && s_subscribed)
            {
                AppDomain.CurrentDomain.FirstChanceException -= OnFirstChance;
                s_subscribed = false;
            }
        }

        foreach (var site in removed.SelectMany(w => w.Sites.Values))
        {
            site.Probe?.Stop();
        }
    }

    private static void OnFirstChance(object? sender, FirstChanceExceptionEventArgs args)
    {
        if (ReentryGuard.IsInside)
        {
            return; // the agent's own exceptions, and those thrown inside an instrument
        }

        using var agent = ReentryGuard.Agent();
        try
        {
            Watch[] watches;
            lock (s_gate)
            {
                watches = s_watches.ToArray();
            }

            var exception = args.Exception;
            foreach (var watch in watches.Where(w => w.Types.Matches(exception.GetType())))
            {
                watch.Thrown(exception);
            }
        }
        catch (Exception e)
        {
            AgentLog.Error($"exceptions probe: a throw could not be looked at: {e.Message}");
        }
    }

    /// <summary>The first frame of the app's code on this thread's stack (below the agent's), with its IL offset.</summary>
    private static (MethodBase Method, int ILOffset)? ThrowSite()
    {
        foreach (var frame in new StackTrace(2, false).GetFrames())
        {
            if (frame.GetMethod() is { } method && IsAppCode(method))
            {
                return (method, frame.GetILOffset());
            }
        }

        return null;
    }

    private static bool IsAppCode(MethodBase method)
    {
        var assembly = method.Module.Assembly;
        if (assembly.IsDynamic || assembly == typeof(ExceptionWatch).Assembly || method is System.Reflection.Emit.DynamicMethod)
        {
            return false;
        }

        var name = assembly.GetName().Name ?? "";
        return !(name.StartsWith("System.", StringComparison.Ordinal) || name.StartsWith("Microsoft.", StringComparison.Ordinal)
            || name is "System" or "mscorlib" or "netstandard" or "Diagnose.Protocol");
    }

    private sealed class Watch(Probe probe, TypeRule types)
    {
        public Probe Probe { get; } = probe;

        public TypeRule Types { get; } = types;

        public ConcurrentDictionary<(Type Type, MethodBase Method, int ILOffset), Site> Sites { get; } = new();

        public void Thrown(Exception exception)
        {
            if (ThrowSite() is not { } at || Probe.CurrentInstruments().OfType<SnapshotInstrument>().FirstOrDefault() is not { } instrument)
            {
                return;
            }

            var key = (exception.GetType(), at.Method, at.ILOffset);
            if (Sites.ContainsKey(key))
            {
                return; // its end probe takes the snapshots now
            }

            var site = Sites.GetOrAdd(key, _ => new Site());
            if (!site.First())
            {
                return;
            }

            var frame = new SnapshotFrame(at.Method, "exception", ["exception/exception"], [exception], ["arguments, this and locals: the first throw at this site; they are captured from the next throw on"], 0);
            instrument.Write(frame);
            if (Sites.Count <= MaxSites && Sites.Keys.Count(k => k.Method == at.Method) == 1)
            {
                // Off the throwing thread: installing takes the agent's locks and a re-JIT.
                ThreadPool.UnsafeQueueUserWorkItem(_ => site.Instrument(Probe, instrument, at.Method, Types), null);
            }
        }
    }

    private sealed class Site
    {
        private int _first;

        public Probe? Probe { get; private set; }

        /// <summary>True for the first throw seen here.</summary>
        public bool First() => Interlocked.Exchange(ref _first, 1) == 0;

        public void Instrument(Probe owner, SnapshotInstrument instrument, MethodBase method, TypeRule types)
        {
            using var agent = ReentryGuard.Agent();
            try
            {
                var probe = Diagnose.Probe.ForMethods($"{owner.Target}@{Sites.CallerInfo.Describe(method)}", [method]);
                probe.Instruments[instrument.Name] = new ExceptionSnapshotInstrument(instrument, types);
                lock (s_gate)
                {
                    if (!s_watches.Any(w => w.Probe == owner))
                    {
                        return; // the exceptions probe was removed meanwhile
                    }

                    Probe = probe;
                }

                probe.Start();
            }
            catch (Exception e) when (e is DiagnoseException or InvalidOperationException or NotSupportedException)
            {
                AgentLog.Warning($"exceptions probe {owner.Target}: {Sites.CallerInfo.Describe(method)} was not instrumented for its next throw: {e.Message}");
            }
        }
    }
}

/// <summary>
/// The end instrument an exceptions probe puts on a throwing method: when the method exits by an exception of a
/// matching type, a snapshot of its frame (<c>"event": "exception"</c>), at most one per exception type a minute
/// (<c>custom.everySeconds</c> of the exceptions probe's instrument). Its condition (<c>exception != null</c>) keeps
/// normal exits to a check.
/// </summary>
internal sealed class ExceptionSnapshotInstrument : SnapshotInstrument
{
    private readonly SnapshotInstrument _owner;
    private readonly TypeRule _types;
    private readonly long _everyTicks;
    private readonly ConcurrentDictionary<Type, long> _last = new();

    public ExceptionSnapshotInstrument(SnapshotInstrument owner, TypeRule types)
        : base(owner.Name, Frame, InstrumentEvent.End, owner.Expires, Settings(owner.Custom))
    {
        _owner = owner;
        _types = types;
        _everyTicks = (long)(EverySeconds(owner.Custom) * Stopwatch.Frequency);
    }

    protected internal override void Fire(object? value, IReadOnlyList<string> tags)
    {
        if (value is not SnapshotFrame frame || frame.Values.LastOrDefault() is not Exception exception || !_types.Matches(exception.GetType()))
        {
            return;
        }

        var now = Stopwatch.GetTimestamp();
        var last = _last.GetOrAdd(exception.GetType(), now - _everyTicks - 1);
        if (now - last <= _everyTicks || !_last.TryUpdate(exception.GetType(), now, last))
        {
            return;
        }

        _owner.Write(frame.As("exception"));
    }

    private static double EverySeconds(JsonObject custom) =>
        custom.TryGetPropertyValue("everySeconds", out var node) && node is JsonValue value && value.TryGetValue<double>(out var seconds) && seconds >= 0 ? seconds : 60;

    /// <summary>The owner's settings (depth), the condition that lets only exceptional exits through, and no rate limit (it keeps its own).</summary>
    private static JsonObject Settings(JsonObject custom)
    {
        var settings = new JsonObject { ["condition"] = "exception != null", ["rate"] = 0 };
        if (custom["depth"] is { } depth)
        {
            settings["depth"] = depth.DeepClone();
        }

        return settings;
    }
}
