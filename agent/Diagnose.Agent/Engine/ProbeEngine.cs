using System.Reflection;
using Diagnose.Hooks;
using Diagnose.Native;
using Diagnose.Rewriting;
using Diagnose.Sites;

namespace Diagnose.Engine;

/// <summary>
/// Keeps every probed method's code in line with the probes on it. Changing probes re-instruments from the
/// original IL with the full current set; a method left without instruments is re-JIT'd with its original IL while
/// other methods stay probed (RequestRevert would bring back native code that may hold inlined copies of probed
/// methods), and when nothing is probed any more every method is reverted. All changes of one call go to the
/// profiler as one batch.
/// </summary>
internal sealed class ProbeEngine
{
    private static readonly object s_instanceGate = new();
    private static ProbeEngine? s_instance;

    private readonly NativeBridge _bridge;
    private readonly object _gate = new();
    private readonly Dictionary<(nuint, int), InstrumentedMethod> _methods = new();
    private readonly HashSet<(nuint, int)> _rejitted = new();
    private readonly Dictionary<nuint, ModuleTokens> _tokens = new();
    private readonly List<(InstrumentedMethod Method, RewrittenBody? Body, SiteRef[] Sites)> _deferred = new();
    private Timer? _expiryTimer;
    private int _batchDepth;
    private int _hooked; // methods whose current body has hooks

    private ProbeEngine(NativeBridge bridge)
    {
        _bridge = bridge;
        AgentLog.Bind(bridge);
    }

    /// <exception cref="DiagnoseException">No profiler can be made active in this process.</exception>
    public static ProbeEngine Instance
    {
        get
        {
            lock (s_instanceGate)
            {
                return s_instance ??= new ProbeEngine(ProfilerSession.Bridge);
            }
        }
    }

    /// <summary>The clock lifespans are measured with (replaceable in tests).</summary>
    public static TimeProvider Time { get; set; } = TimeProvider.System;

    public static TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public NativeBridge Bridge => _bridge;

    /// <summary>Adds the probe to the methods and installs; returns the methods that could not be probed, with why.</summary>
    public IReadOnlyDictionary<MethodBase, string> Install(Probe probe, IReadOnlyList<MethodBase> methods)
    {
        using var agent = ReentryGuard.Agent();
        using (LoadEventGate.Enter(_gate))
        {
            var errors = new Dictionary<MethodBase, string>();
            var dirty = new List<InstrumentedMethod>();
            foreach (var method in methods)
            {
                try
                {
                    var instrumented = Track(method);
                    if (!instrumented.Probes.Contains(probe))
                    {
                        instrumented.Probes.Add(probe);
                    }

                    dirty.Add(instrumented);
                }
                catch (Exception e) when (e is DiagnoseException or NotSupportedException or BadImageFormatException or ArgumentException)
                {
                    errors[method] = $"cannot probe '{CallerInfo.Describe(method)}': {e.Message}";
                }
            }

            foreach (var (method, error) in Commit(dirty))
            {
                method.Probes.Remove(probe);
                errors[method.Method] = error;
            }

            ForgetUnprobed(dirty);
            WatchExpiry(probe);
            return errors;
        }
    }

    /// <summary>Removes the probe from all its methods.</summary>
    public void Uninstall(Probe probe)
    {
        using var agent = ReentryGuard.Agent();
        using (LoadEventGate.Enter(_gate))
        {
            var dirty = _methods.Values.Where(m => m.Probes.Remove(probe)).ToList();
            Commit(dirty);
            ForgetUnprobed(dirty);
        }
    }

    /// <summary>The probe's instruments changed: re-instrument its methods.</summary>
    public IReadOnlyDictionary<MethodBase, string> Refresh(Probe probe)
    {
        using var agent = ReentryGuard.Agent();
        lock (_gate)
        {
            var dirty = _methods.Values.Where(m => m.Probes.Contains(probe)).ToList();
            var errors = Commit(dirty).ToDictionary(e => e.Key.Method, e => e.Value);
            WatchExpiry(probe);
            return errors;
        }
    }

    /// <summary>
    /// Until the returned scope is disposed, bodies are built at once (so errors are known) but sent to the profiler
    /// together when the outermost scope ends: one runtime suspension for many probes.
    /// </summary>
    public IDisposable Batch()
    {
        lock (_gate)
        {
            _batchDepth++;
        }

        return new BatchScope(this);
    }

    /// <summary>What the profiler reports of a probed method's code.</summary>
    public (NativeAbi.MethodState State, int LastError) StateOf(MethodBase method)
    {
        lock (_gate)
        {
            var instrumented = _methods.Values.FirstOrDefault(m => m.Method == method);
            return instrumented is null ? (NativeAbi.MethodState.None, 0) : _bridge.GetMethodState(instrumented.ModuleId, instrumented.MethodDef);
        }
    }

    private InstrumentedMethod Track(MethodBase method)
    {
        var (moduleId, methodDef) = _bridge.GetFunctionInfo(method.MethodHandle.Value);
        if (methodDef != method.MetadataToken)
        {
            throw new DiagnoseException($"the profiler sees token 0x{methodDef:X8} for this method, reflection 0x{method.MetadataToken:X8}");
        }

        if (_methods.TryGetValue((moduleId, methodDef), out var known))
        {
            return known;
        }

        var body = ILDecoder.Decode(_bridge.GetILBody(moduleId, methodDef));
        var localSignature = body.LocalSignatureToken == 0 ? null : method.Module.ResolveSignature(body.LocalSignatureToken);
        var shape = MethodShape.Create(method, method.Module.ResolveSignature(method.MetadataToken), localSignature);
        var instrumented = new InstrumentedMethod(method, moduleId, methodDef, shape);
        _methods[instrumented.Key] = instrumented;
        return instrumented;
    }

    /// <summary>Builds and submits the bodies of the given methods; returns those that failed, with why.</summary>
    private Dictionary<InstrumentedMethod, string> Commit(IReadOnlyList<InstrumentedMethod> dirty)
    {
        var errors = new Dictionary<InstrumentedMethod, string>();
        var changes = new List<(InstrumentedMethod Method, RewrittenBody? Body, SiteRef[] Sites)>();
        var compiled = new InstrumentCompilation();
        foreach (var method in dirty)
        {
            var instruments = method.Probes.SelectMany(p => p.CurrentInstruments()).ToList();
            try
            {
                var compileErrors = new Dictionary<Instrument, string>();
                var built = instruments.Count == 0 ? null : Build(method, instruments, compileErrors);
                compiled.Record(method.Method, instruments, compileErrors);
                if (built is not null)
                {
                    changes.Add((method, built.Value.Body, built.Value.Sites));
                }
                else if (HasHooksAfterPending(method))
                {
                    changes.Add((method, null, []));
                }
            }
            catch (Exception e) when (e is NotSupportedException or BadImageFormatException or InvalidOperationException or DiagnoseException or ArgumentException)
            {
                errors[method] = $"cannot probe '{CallerInfo.Describe(method.Method)}': {e.Message}";
                if (HasHooksAfterPending(method))
                {
                    changes.Add((method, null, []));
                }
            }
        }

        compiled.FailThoseThatCompiledNowhere();
        if (_batchDepth > 0)
        {
            // A later change of the same method replaces an earlier one; its sites are retired then.
            foreach (var change in changes)
            {
                var earlier = _deferred.FindIndex(d => d.Method == change.Method);
                if (earlier >= 0)
                {
                    Retire(_deferred[earlier].Sites);
                    _deferred[earlier] = change;
                }
                else
                {
                    _deferred.Add(change);
                }
            }

            return errors;
        }

        foreach (var failure in Submit(changes))
        {
            errors[failure.Key] = failure.Value;
        }

        return errors;
    }

    /// <summary>Sends built bodies (or reverts) to the profiler; returns the methods that failed.</summary>
    private Dictionary<InstrumentedMethod, string> Submit(List<(InstrumentedMethod Method, RewrittenBody? Body, SiteRef[] Sites)> changes)
    {
        var errors = new Dictionary<InstrumentedMethod, string>();
        changes = changes.Where(c => c.Body is not null || c.Method.HasHooks).ToList(); // nothing to undo
        if (changes.Count == 0)
        {
            return errors;
        }

        var keys = changes.Select(c => c.Method.Key).ToList();
        var hookedAfter = _hooked - changes.Count(c => c.Method.HasHooks) + changes.Count(c => c.Body is not null);
        var nothingProbedAfter = hookedAfter == 0;
        try
        {
            if (nothingProbedAfter)
            {
                var all = _rejitted.Union(keys).ToList();
                _bridge.RequestRevert(all, RequestTimeout);
                _rejitted.Clear();
                AgentLog.Info($"reverted {all.Count} method(s): nothing is probed");
            }
            else
            {
                _bridge.RequestReJit(changes.Select(c => (c.Method.ModuleId, c.Method.MethodDef, c.Body?.IL, NativeMap(c.Body))).ToList(), RequestTimeout);
                _rejitted.UnionWith(keys);
                AgentLog.Info($"re-JIT requested for {changes.Count} method(s): {string.Join(", ", changes.Select(c => c.Method))}");
            }
        }
        catch (DiagnoseException e)
        {
            foreach (var change in changes)
            {
                Retire(change.Sites);
                errors[change.Method] = $"cannot probe '{CallerInfo.Describe(change.Method.Method)}': {e.Message}";
            }

            return errors;
        }

        foreach (var change in changes)
        {
            Replace(change.Method, change.Sites);
            _hooked += (change.Body is not null ? 1 : 0) - (change.Method.HasHooks ? 1 : 0);
            change.Method.HasHooks = change.Body is not null;
        }

        return errors;
    }

    /// <summary>
    /// The method's new body calls <paramref name="sites"/>. A site of an older body stays live while every
    /// instrument it fires is still on the method (a thread inside that body keeps firing them, so no call is
    /// lost while another probe is added); it is retired once one of them leaves, so a removed probe never fires.
    /// </summary>
    private static void Replace(InstrumentedMethod method, SiteRef[] sites)
    {
        var staying = sites.SelectMany(s => s.Instruments).ToHashSet();
        var older = method.Sites.Concat(method.Kept).ToList();
        method.Kept.Clear();
        foreach (var site in older)
        {
            if (site.Instruments.Count > 0 && site.Instruments.All(staying.Contains))
            {
                method.Kept.Add(site);
            }
            else
            {
                SiteTable.Retire(site.Id);
            }
        }

        method.Sites = sites;
    }

    private static void Retire(IEnumerable<SiteRef> sites)
    {
        foreach (var site in sites)
        {
            SiteTable.Retire(site.Id);
        }
    }

    /// <summary>Whether the method runs hooks once the changes deferred by a batch are sent.</summary>
    private bool HasHooksAfterPending(InstrumentedMethod method)
    {
        var deferred = _deferred.FindIndex(d => d.Method == method);
        return deferred >= 0 ? _deferred[deferred].Body is not null : method.HasHooks;
    }

    private static NativeAbi.ILMapEntry[]? NativeMap(RewrittenBody? body) =>
        body?.Map.Select(e => new NativeAbi.ILMapEntry { OldOffset = (uint)e.OldOffset, NewOffset = (uint)e.NewOffset }).ToArray();

    private void EndBatch()
    {
        using var agent = ReentryGuard.Agent();
        Dictionary<InstrumentedMethod, string> failures;
        lock (_gate)
        {
            if (--_batchDepth > 0 || _deferred.Count == 0)
            {
                return;
            }

            var changes = _deferred.ToList();
            _deferred.Clear();
            failures = Submit(changes);
            ForgetUnprobed(changes.Select(c => c.Method));
        }

        // Outside the engine lock: probes take their own lock before the engine's, never after.
        foreach (var (method, error) in failures)
        {
            AgentLog.Error(error);
            foreach (var probe in method.Probes.ToList())
            {
                probe.ReportFailure(method.Method, error);
            }
        }
    }

    /// <summary>The instrumented body and its site ids, or null when no instrument compiled.</summary>
    private (RewrittenBody Body, SiteRef[] Sites)? Build(InstrumentedMethod method, IReadOnlyList<Instrument> instruments, IDictionary<Instrument, string> compileErrors)
    {
        var parameterNames = method.Method.GetParameters().Select((p, i) => p.Name ?? $"arg{i}").ToList();
        var symbols = method.Symbols;
        var original = ILDecoder.Decode(_bridge.GetILBody(method.ModuleId, method.MethodDef));
        var exitInstruments = instruments.Where(i => Sites.ContextNames.Returns(i.Event)).ToList();
        if (exitInstruments.Count > 0 && original.Instructions.Any(i => i.OpCode == System.Reflection.Metadata.ILOpCode.Tail))
        {
            // Return hooks need a protected region a tail call cannot leave from: only call instruments apply here.
            exitInstruments.ForEach(i => compileErrors[i] = "return and end probes are not available: the method makes tail calls (tail. prefix), which would become ordinary calls and could overflow the stack; call probes work");
            exitInstruments.Clear();
        }

        var call = SiteCompiler.Compile(new SiteLayout(method.Shape, parameterNames, symbols), instruments.Where(i => i.Event == InstrumentEvent.Call).ToList(), compileErrors);
        var exit = SiteCompiler.Compile(new SiteLayout(method.Shape, parameterNames, symbols), exitInstruments, compileErrors);
        var lines = LineSites(method, instruments.Where(i => i.Event == InstrumentEvent.Line).ToList(), parameterNames, compileErrors);
        if (call is null && exit is null && lines.Count == 0)
        {
            return null;
        }

        var sites = new List<SiteRef>();
        try
        {
            var plan = new ProbePlan
            {
                Call = call is null ? null : Hook(call, sites),
                Return = exit is null ? null : Hook(exit, sites),
                LineHooks = lines.Select(l => (l.ILOffset, Hook(l.Site, sites))).ToList(),
                TimestampFunction = HookFunctions.TimestampPointer,
                HotspotsBeginFunction = HookFunctions.HotspotsBeginPointer,
                HotspotsLineFunction = HookFunctions.HotspotsLinePointer,
                Lines = LinesOf(symbols),
                CallEffects = CallEffects.For(method.Method),
            };
            var body = ProbeRewriter.Rewrite(original, method.Shape, plan, TokensOf(method.ModuleId));
            return (body, sites.ToArray());
        }
        catch
        {
            Retire(sites);
            throw;
        }
    }

    /// <summary>
    /// The sites of line instruments, one per line: at the first visible sequence point starting on that line (in IL
    /// order), with the locals in scope there. A line without code (the method changed, or the instrument was added
    /// to a probe of another line) is that instrument's error.
    /// </summary>
    private static List<(int ILOffset, CompiledSite Site)> LineSites(InstrumentedMethod method, List<Instrument> instruments, IReadOnlyList<string> parameterNames, IDictionary<Instrument, string> compileErrors)
    {
        var sites = new List<(int, CompiledSite)>();
        foreach (var group in instruments.GroupBy(i => i.Line ?? 0))
        {
            var point = method.Symbols.SequencePoints.FirstOrDefault(p => !p.IsHidden && p.StartLine == group.Key);
            if (point is null)
            {
                foreach (var instrument in group)
                {
                    compileErrors[instrument] = $"line {group.Key} has no code in {Sites.CallerInfo.Describe(method.Method)}";
                }

                continue;
            }

            var layout = new SiteLayout(method.Shape, parameterNames, method.Symbols) { At = (group.Key, point.ILOffset) };
            if (SiteCompiler.Compile(layout, group.ToList(), compileErrors) is { } site)
            {
                sites.Add((point.ILOffset, site));
            }
        }

        return sites;
    }

    /// <summary>Where hotspots put their line hooks: every visible sequence point.</summary>
    private static IReadOnlyList<(int ILOffset, int Line)> LinesOf(Symbols.MethodSymbols symbols)
    {
        if (symbols.StateMachineMoveNext is not null)
        {
            return []; // an async method or iterator: its lines run in the state machine
        }

        return symbols.SequencePoints.Where(p => !p.IsHidden).Select(p => (p.ILOffset, p.StartLine)).ToList();
    }

    private HookCall Hook(CompiledSite site, List<SiteRef> sites)
    {
        var id = SiteTable.Allocate();
        sites.Add(new SiteRef(id, site.Instruments));
        if (site.Emitted is { } emitted)
        {
            SiteTable.SetRetire(id, emitted.Retire);
            return new HookCall(id, emitted.EntryPoint.MethodHandle.GetFunctionPointer(), site.Captures);
        }

        SiteTable.Set(id, site.Handler);
        var hook = HookFunctions.For(site.Captures.Select(c => c.HookType).ToList());
        return new HookCall(id, hook.MethodHandle.GetFunctionPointer(), site.Captures);
    }

    private ModuleTokens TokensOf(nuint moduleId)
    {
        if (!_tokens.TryGetValue(moduleId, out var tokens))
        {
            tokens = new ModuleTokens(_bridge, moduleId);
            _tokens[moduleId] = tokens;
        }

        return tokens;
    }

    private sealed class BatchScope(ProbeEngine engine) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                engine.EndBatch();
            }
        }
    }

    /// <summary>Stops tracking those of <paramref name="candidates"/> that have neither probes nor hooks left.</summary>
    private void ForgetUnprobed(IEnumerable<InstrumentedMethod> candidates)
    {
        foreach (var method in candidates.Where(m => m.Probes.Count == 0 && !m.HasHooks).ToList())
        {
            _methods.Remove(method.Key);
        }
    }

    /// <summary>Checks lifespans every second once some instrument has one.</summary>
    private void WatchExpiry(Probe probe)
    {
        if (_expiryTimer is null && probe.CurrentInstruments().Any(i => i.Expires is not null))
        {
            _expiryTimer = new Timer(_ => RemoveExpired(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        }
    }

    private void RemoveExpired()
    {
        using var agent = ReentryGuard.Agent();
        try
        {
            var now = Time.GetUtcNow();
            foreach (var probe in Probes.Active.Values)
            {
                probe.RemoveExpired(now);
            }
        }
        catch (Exception e)
        {
            AgentLog.Error($"expiring instruments failed: {e}");
        }
    }
}
