using System.Linq.Expressions;
using System.Reflection;
using Diagnose.Expressions;
using Diagnose.Rewriting;

namespace Diagnose.Sites;

/// <summary>Resolves context names to expressions over a site handler's typed parameters, for one instrument's event.</summary>
internal sealed class SiteScope : IExpressionScope
{
    private readonly SiteLayout _layout;
    private readonly InstrumentEvent _event;
    private readonly AsyncValues? _async;

    /// <param name="layout">The site's captured values.</param>
    /// <param name="event">The instrument's event.</param>
    /// <param name="async">For a task-returning method: the awaited result and the fault, which stand for <c>result</c> and <c>exception</c>.</param>
    public SiteScope(SiteLayout layout, InstrumentEvent @event, AsyncValues? async = null)
    {
        _layout = layout;
        _event = @event;
        _async = async;
    }

    public Expression? Resolve(string name)
    {
        var shape = _layout.Shape;
        var parameter = ContextNames.IndexOf(_layout.ParameterNames, name);
        if (parameter >= 0)
        {
            return Value(ValueSource.Argument(parameter), name);
        }

        if (_event == InstrumentEvent.End && _async is not null && _layout.LocalSlot(name) is not null)
        {
            throw new ExpressionException($"'{name}': the locals of an async method live in its state machine; the end event cannot read them");
        }

        if (ContextNames.ReadsLocals(_event) && _layout.LocalSlot(name) is { } local)
        {
            return Value(ValueSource.Local(local), name);
        }

        if (_event == InstrumentEvent.Line && _layout.HoistedField(name) is { } hoisted)
        {
            // A local (or parameter) of an async method or iterator lives in a field of its state machine.
            return Expression.Field(Value(ValueSource.This, "this"), hoisted);
        }

        if (ContextNames.BelongsToLaterEvent(name, _event))
        {
            throw new ExpressionException($"'{name}' is not available on the {_event.ToString().ToLowerInvariant()} event");
        }

        var returns = ContextNames.Returns(_event);
        return name switch
        {
            "line" when _layout.At is { } at => Expression.Constant(at.Line),
            "args" => AllArguments(),
            "this" or "self" when !shape.HasThis => throw new ExpressionException($"'{name}' is not available: {CallerInfo.Describe(shape.Method)} is static"),
            "this" or "self" => Value(ValueSource.This, name),
            "result" when _async is not null => _async.Result.Type == typeof(object) && _async.IsVoid ? Expression.Constant(null, typeof(object)) : _async.Result,
            "exception" when _async is not null => _async.Fault,
            "end" or "locals" when _async is not null && _event == InstrumentEvent.End => throw new ExpressionException("the end event of an async method is not available: its locals live in the state machine"),
            "result" when !shape.ReturnsValue => Expression.Constant(null, typeof(object)),
            "result" => Value(ValueSource.Result, name),
            "exception" => Expression.Convert(Value(ValueSource.Exception, name), typeof(Exception)),
            "start" when returns => Expression.Call(Method(typeof(Clock), nameof(Clock.UnixAt)), Value(ValueSource.StartTimestamp, name)),
            "start" or "end" => Expression.Call(Method(typeof(Clock), nameof(Clock.UnixNow))),
            "elapsed" => Expression.Call(Method(typeof(Clock), nameof(Clock.ElapsedSince)), Value(ValueSource.StartTimestamp, name)),
            "now" => Expression.Property(null, typeof(DateTime), nameof(DateTime.UtcNow)),
            "method" => Expression.Constant(shape.Method, typeof(MethodBase)),
            "caller" => Expression.Call(Method(typeof(CallerInfo), nameof(CallerInfo.Caller)), Expression.Constant(shape.Method, typeof(MethodBase))),
            "stack" => Expression.Call(Method(typeof(CallerInfo), nameof(CallerInfo.Stack)), Expression.Constant(shape.Method, typeof(MethodBase))),
            "thread" => Expression.Property(null, typeof(Environment), nameof(Environment.CurrentManagedThreadId)),
            SnapshotInstrument.Frame => Snapshot(),
            "hotspots" => Expression.Call(
                Method(typeof(Hooks.HotspotsRecorder), nameof(Hooks.HotspotsRecorder.Finish)),
                Value(ValueSource.Hotspots, name),
                Expression.Constant(_layout.Symbols)),
            _ => null,
        };
    }

    /// <summary>Parameters, then (on the end event) locals, then the event's built-in names.</summary>
    public IEnumerable<string> Names
    {
        get
        {
            var locals = _event == InstrumentEvent.End && _async is null ? _layout.Symbols.LocalsAtExit.Select(l => l.Name)
                : _layout.LocalsAtLine.Select(l => l.Name).Concat(_layout.At is not null ? _layout.Symbols.HoistedLocals.Select(h => h.Name) : []);
            var builtIn = ContextNames.BuiltIn(_event).Where(n => _layout.Shape.HasThis || n is not ("this" or "self"));
            return _layout.ParameterNames.Where(n => n.Length > 0).Concat(locals).Concat(builtIn);
        }
    }

    public string? WhyMissing(string name) =>
        _layout.At is { } at && _layout.Symbols.SlotOf(name) is not null
            ? $"'{name}' is a local of the method but not in scope at line {at.Line}"
            : MissingNames.Explain(name, _event == InstrumentEvent.Line ? InstrumentEvent.End : _event, _layout.Symbols);

    /// <summary>
    /// <c>snapshot</c>: a <see cref="Snapshots.SnapshotFrame"/> of every value the site passes, by name, and the names
    /// it could not pass with the reason; the frame reads the stack when it is made (only when the instrument fires).
    /// </summary>
    private Expression Snapshot()
    {
        var names = new List<string>();
        var values = new List<Expression>();
        var missing = new List<string>();
        foreach (var (name, source) in ContextNames.SnapshotValues(_event, _layout, _async is not null))
        {
            if (_layout.TryGet(source, out var parameter, out _))
            {
                names.Add(name);
                values.Add(Expression.Convert(parameter, typeof(object)));
            }
            else
            {
                var why = _layout.Shape.Capture(source).Unavailable ?? $"a probe site passes at most {Hooks.HookFunctions.MaxValues} values";
                missing.Add($"{name[(name.IndexOf('/') + 1)..]}: {why}");
            }
        }

        if (_async is not null && _event != InstrumentEvent.Call)
        {
            if (!_async.IsVoid)
            {
                names.Add("result/result");
                values.Add(Expression.Convert(_async.Result, typeof(object)));
            }

            names.Add("exception/exception");
            values.Add(Expression.Convert(_async.Fault, typeof(object)));
        }

        var constructor = typeof(Snapshots.SnapshotFrame).GetConstructors().Single();
        return Expression.New(
            constructor,
            Expression.Constant(_layout.Shape.Method, typeof(MethodBase)),
            Expression.Constant(_event.ToString().ToLowerInvariant()),
            Expression.Constant(names.ToArray()),
            Expression.NewArrayInit(typeof(object), values),
            Expression.Constant(missing.ToArray()),
            Expression.Constant(_layout.At?.Line ?? 0));
    }

    /// <summary>Every argument, boxed, in order (null where one cannot be captured).</summary>
    public Expression AllArguments() =>
        Expression.NewArrayInit(typeof(object), Enumerable.Range(0, _layout.Shape.ArgumentCount).Select(ArgumentOrNull));

    private Expression ArgumentOrNull(int index) =>
        _layout.TryGet(ValueSource.Argument(index), out var parameter, out _)
            ? Expression.Convert(parameter, typeof(object))
            : Expression.Constant(null, typeof(object));

    /// <summary>A captured value, seen with its static type.</summary>
    private Expression Value(ValueSource source, string name)
    {
        if (!_layout.TryGet(source, out var parameter, out var capture))
        {
            var unavailable = _layout.Shape.Capture(source).Unavailable ?? "was not captured at this site";
            throw new ExpressionException($"'{name}' {unavailable}");
        }

        return capture.StaticType == parameter.Type ? parameter : Expression.Convert(parameter, capture.StaticType);
    }

    private static MethodInfo Method(Type type, string name) => type.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!;
}
