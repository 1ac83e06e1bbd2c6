using System.Linq.Expressions;
using System.Reflection;
using Diagnose.Expressions;
using Diagnose.Guardrails;
using Diagnose.Hooks;
using Diagnose.Rewriting;

namespace Diagnose.Sites;

/// <summary>
/// Compiles the instruments of one method and event point (entry, or exit for return and end instruments) into one
/// handler: <c>(T₁ v₁ … Tₙ vₙ) =&gt; { for each instrument: try { if enabled &amp;&amp; condition: fire(value, tags) }
/// catch (e) { SafeDispatch.Fail } }</c>, typed with the hook types of exactly the values the expressions use (the
/// re-entry guard is HookFunctions', around the call).
/// An instrument whose expressions do not compile for this method is left out and its error returned: the engine
/// fails it only when it compiles for none of its probe's methods (an overload may lack a parameter another has).
/// </summary>
internal static class SiteCompiler
{
    private static readonly MethodInfo s_tryEnter = typeof(ReentryGuard).GetMethod(nameof(ReentryGuard.TryEnter))!;
    private static readonly MethodInfo s_exit = typeof(ReentryGuard).GetMethod(nameof(ReentryGuard.Exit))!;
    private static readonly MethodInfo s_fail = typeof(SafeDispatch).GetMethod(nameof(SafeDispatch.Fail))!;
    private static readonly MethodInfo s_fire = typeof(Instrument).GetMethod("Fire", BindingFlags.NonPublic | BindingFlags.Instance)!;
    private static readonly MethodInfo s_record = typeof(NumericInstrument).GetMethod("Record", BindingFlags.NonPublic | BindingFlags.Instance)!;
    private static readonly MethodInfo s_toDouble = typeof(NumericValue).GetMethod(nameof(NumericValue.ToDouble))!;
    private static readonly MethodInfo s_tagsFrom = typeof(Tags).GetMethod(nameof(Tags.From))!;
    private static readonly MethodInfo s_tagsMerge = typeof(Tags).GetMethod(nameof(Tags.Merge))!;
    private static readonly PropertyInfo s_isEnabled = typeof(Instrument).GetProperty(nameof(Instrument.IsEnabled))!;
    private static readonly MethodInfo s_enter = typeof(ProbeGuard).GetMethod(nameof(ProbeGuard.Enter))!;
    private static readonly MethodInfo s_begin = typeof(ProbeGuard).GetMethod(nameof(ProbeGuard.Begin))!;
    private static readonly MethodInfo s_end = typeof(ProbeGuard).GetMethod(nameof(ProbeGuard.End))!;
    private static readonly MethodInfo s_recordSince = typeof(ElapsedHistogram).GetMethod(nameof(ElapsedHistogram.RecordSince))!;

    /// <param name="layout">The method and the values its hook will pass.</param>
    /// <param name="instruments">The instruments of this event point.</param>
    /// <param name="errors">Receives, per instrument, why it does not compile for this method (left out of the site).</param>
    /// <returns>The site, or null when no instrument could be compiled.</returns>
    public static CompiledSite? Compile(SiteLayout layout, IReadOnlyList<Instrument> instruments, IDictionary<Instrument, string> errors)
    {
        var awaited = instruments.Any(i => ContextNames.Returns(i.Event)) ? AsyncReturn.AwaitedType(layout.Shape.Method) : null;
        var async = awaited is not null && layout.TryAdd([ValueSource.Result, ValueSource.Exception], HookFunctions.MaxValues) ? new AsyncValues(awaited) : null;
        var parsed = new List<ParsedInstrument>();
        foreach (var instrument in instruments)
        {
            try
            {
                GuardMonitor.Watch(instrument.Guard);
                var expressions = ParsedInstrument.Parse(instrument, layout.Shape.Method);
                var sources = expressions.FreeNames.SelectMany(n => ContextNames.SourcesOf(n, instrument.Event, layout));
                if (instrument.Gate is not null)
                {
                    // The manager's CheckCall sees every argument.
                    sources = sources.Concat(Enumerable.Range(0, layout.Shape.ArgumentCount).Select(ValueSource.Argument));
                }

                if (!layout.TryAdd(sources, HookFunctions.MaxValues))
                {
                    throw new InstrumentException($"a probe site can pass at most {HookFunctions.MaxValues} values to its instruments; this instrument would need more");
                }

                if (expressions.FreeNames.Contains(SnapshotInstrument.Frame))
                {
                    layout.AddWhileRoom(ContextNames.SnapshotValues(instrument.Event, layout, async is not null).Select(v => v.Source), HookFunctions.MaxValues);
                }

                parsed.Add(expressions);
            }
            catch (Exception e) when (e is ExpressionException or InstrumentException)
            {
                errors[instrument] = SafeDispatch.Describe(e);
            }
        }

        // The elapsed times of return and end instruments (diagnose top) need the call's start, when there is room for it.
        if (parsed.Any(p => p.Instrument.Guard.Elapsed is not null))
        {
            layout.TryAdd([ValueSource.StartTimestamp], HookFunctions.MaxValues);
        }

        var bound = new List<BoundInstrument>();
        foreach (var expressions in parsed)
        {
            try
            {
                bound.Add(Bind(expressions, new SiteScope(layout, expressions.Instrument.Event, async)));
            }
            catch (Exception e) when (e is ExpressionException or InstrumentException or InvalidOperationException or ArgumentException)
            {
                errors[expressions.Instrument] = SafeDispatch.Describe(e);
            }
        }

        if (bound.Count == 0)
        {
            return null;
        }

        var installed = bound.Select(b => b.Instrument).ToList();
        var hookTypes = layout.Captures.Select(c => c.HookType).ToList();
        var name = $"Diagnose.Site.{layout.Shape.Method.Name}";
        if (async is null && EmittedSites.Supports(hookTypes))
        {
            return new CompiledSite(layout.Captures.ToList(), null, installed, EmittedSites.Build(layout, bound, layout.Shape.Method.Name));
        }

        var start = ElapsedStart(layout);
        Expression body = Expression.Block(bound.Select(b => Block(b, start))); // HookFunctions holds the re-entry guard around the handler
        var handler = async is null
            ? Expression.Lambda(HookFunctions.HandlerType(hookTypes), body, name, layout.Parameters).Compile()
            : AsyncHandler(layout, async, body, name, installed, parsed.Any(p => p.FreeNames.Contains("exception")));
        return new CompiledSite(layout.Captures.ToList(), handler, installed, null);
    }

    /// <summary>
    /// The exit handler of a task-returning method: it hands the returned task to <see cref="AsyncReturn"/>, whose
    /// completion callback runs the instruments (<paramref name="body"/>) with the awaited value and the fault.
    /// </summary>
    private static Delegate AsyncHandler(SiteLayout layout, AsyncValues async, Expression body, string name, IReadOnlyList<Instrument> instruments, bool needsException)
    {
        // The completion runs on the thread that completes the task: it takes the guard itself when it is free (when
        // the task completed at once it runs inside the hook, which holds the guard already).
        var entered = Expression.Variable(typeof(bool), "entered");
        var guarded = Expression.Block(
            [entered],
            Expression.Assign(entered, Expression.Call(s_tryEnter)),
            Expression.TryFinally(body, Expression.IfThen(entered, Expression.Call(s_exit))));
        var completionParameters = layout.Parameters.Append(async.Result).Append(async.Fault).ToList();
        var completion = Expression.Lambda(guarded, name + ".Completed", completionParameters).Compile();
        layout.TryGet(ValueSource.Result, out var returned, out _);
        layout.TryGet(ValueSource.Exception, out var thrown, out _);
        var awaited = Expression.Parameter(async.Result.Type, "value");
        var fault = Expression.Parameter(typeof(Exception), "fault");
        var done = Expression.Lambda(
            typeof(Action<,>).MakeGenericType(awaited.Type, typeof(Exception)),
            Expression.Invoke(Expression.Constant(completion), layout.Parameters.Append<Expression>(awaited).Append(fault)),
            awaited,
            fault);
        var observe = Expression.Call(
            AsyncReturn.ObserveMethod(returned.Type, async.IsVoid ? typeof(void) : async.Result.Type),
            returned,
            Expression.Convert(thrown, typeof(Exception)),
            done,
            Expression.Constant(needsException));
        var error = Expression.Parameter(typeof(Exception), "error");
        var outer = Expression.TryCatch(
            observe,
            Expression.Catch(error, Expression.Call(typeof(SafeDispatch).GetMethod(nameof(SafeDispatch.FailAll))!, Expression.Constant(instruments.ToArray()), error)));
        return Expression.Lambda(HookFunctions.HandlerType(layout.Captures.Select(c => c.HookType).ToList()), outer, name, layout.Parameters).Compile();
    }

    private static BoundInstrument Bind(ParsedInstrument parsed, SiteScope scope)
    {
        var options = parsed.Instrument.Options;
        var value = ExpressionCompiler.Bind(parsed.Value, scope, options);
        Expression tags = Expression.Constant(parsed.Instrument.ManagerTags);
        if (parsed.Tags is not null)
        {
            var own = Expression.Call(s_tagsFrom, Expression.Convert(ExpressionCompiler.Bind(parsed.Tags, scope, options), typeof(object)));
            tags = Expression.Call(s_tagsMerge, tags, own);
        }

        Expression? guard = null;
        if (parsed.Instrument.Gate is { } gate)
        {
            guard = Expression.Invoke(Expression.Constant(gate), scope.AllArguments());
        }

        if (parsed.Condition is not null)
        {
            var condition = ToBoolean(ExpressionCompiler.Bind(parsed.Condition, scope, options), parsed.Condition.Source);
            guard = guard is null ? condition : Expression.AndAlso(guard, condition);
        }

        var input = parsed.Instrument is NumericInstrument ? ToDouble(value) : Expression.Convert(value, typeof(object));
        return new BoundInstrument(parsed.Instrument, input, guard, tags);
    }

    /// <summary>The parameter with the call's start timestamp when the site captures it (for elapsed times), else null.</summary>
    internal static ParameterExpression? ElapsedStart(SiteLayout layout) =>
        layout.TryGet(ValueSource.StartTimestamp, out var start, out _) ? start : null;

    /// <summary>
    /// The compiled handler's part for one instrument: try { if enabled and the rate limit admits and guard: begin; if
    /// admitted: record the elapsed time, fire; end } catch: fail it. Its fires are sampled for the overhead budget
    /// (it calls code).
    /// </summary>
    private static Expression Block(BoundInstrument bound, ParameterExpression? start)
    {
        var instrument = Expression.Constant(bound.Instrument);
        var guardrails = Expression.Constant(bound.Instrument.Guard);
        bound.Instrument.Guard.MarkTimed();
        Expression fire = bound.Instrument is NumericInstrument
            ? Expression.Call(Expression.Convert(instrument, typeof(NumericInstrument)), s_record, bound.Input, bound.Tags)
            : Expression.Call(instrument, s_fire, bound.Input, bound.Tags);
        Expression guard = Expression.AndAlso(Expression.Property(instrument, s_isEnabled), Expression.Call(guardrails, s_enter));
        if (bound.Guard is not null)
        {
            guard = Expression.AndAlso(guard, bound.Guard);
        }

        var started = Expression.Variable(typeof(long), "started");
        var admitted = Expression.Block(
            [started],
            Expression.Assign(started, Expression.Call(guardrails, s_begin)),
            Expression.IfThen(
                Expression.GreaterThanOrEqual(started, Expression.Constant(0L)),
                bound.Instrument.Guard.Elapsed is { } elapsed && start is not null
                    ? Expression.Block(Expression.Call(Expression.Constant(elapsed), s_recordSince, start), fire, Expression.Call(guardrails, s_end, started))
                    : Expression.Block(fire, Expression.Call(guardrails, s_end, started))));
        var error = Expression.Parameter(typeof(Exception), "error");
        return Expression.TryCatch(
            Expression.IfThen(guard, admitted),
            Expression.Catch(error, Expression.Call(s_fail, instrument, error)));
    }

    private static Expression ToDouble(Expression value)
    {
        var type = value.Type;
        return type.IsPrimitive && type != typeof(bool) && type != typeof(char) && type != typeof(IntPtr) && type != typeof(UIntPtr) || type == typeof(decimal)
            ? Expression.Convert(value, typeof(double))
            : Expression.Call(s_toDouble, Expression.Convert(value, typeof(object)));
    }

    private static Expression ToBoolean(Expression condition, string source)
    {
        if (condition.Type == typeof(bool))
        {
            return condition;
        }

        if (condition.Type == typeof(bool?))
        {
            return Expression.Equal(condition, Expression.Constant(true, typeof(bool?)));
        }

        throw new InstrumentException($"the condition \"{source}\" must be true or false, not {condition.Type.Name}");
    }
}
