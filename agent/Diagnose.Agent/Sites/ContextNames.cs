using Diagnose.Rewriting;

namespace Diagnose.Sites;

/// <summary>
/// The names an instrument's expressions may use, per event (SPEC.md "Events and the evaluation context"), and the
/// values each one needs captured. Parameters by name win over built-in names they shadow.
/// </summary>
internal static class ContextNames
{
    private static readonly string[] s_call = ["args", "this", "self", "start", "now", "method", "caller", "stack", "thread", "snapshot"];
    private static readonly string[] s_return = ["result", "end", "elapsed", "exception", "hotspots"];

    /// <summary>Every name the event offers (parameters and locals are added by the caller).</summary>
    public static IEnumerable<string> BuiltIn(InstrumentEvent @event) => @event switch
    {
        InstrumentEvent.Call => s_call,
        InstrumentEvent.Line => s_call.Append("line"),
        _ => s_call.Concat(s_return),
    };

    /// <summary>True when <paramref name="name"/> is a built-in name of some event other than <paramref name="event"/>.</summary>
    public static bool BelongsToLaterEvent(string name, InstrumentEvent @event) =>
        @event is InstrumentEvent.Call or InstrumentEvent.Line && s_return.Contains(name);

    /// <summary>Return and end see how the call ended (result, exception, elapsed); call and line do not.</summary>
    public static bool Returns(InstrumentEvent @event) => @event is InstrumentEvent.Return or InstrumentEvent.End;

    /// <summary>End and line read the method's locals.</summary>
    public static bool ReadsLocals(InstrumentEvent @event) => @event is InstrumentEvent.End or InstrumentEvent.Line;

    /// <summary>The values that must be captured for <paramref name="name"/> to be evaluated on <paramref name="event"/>.</summary>
    public static IEnumerable<ValueSource> SourcesOf(string name, InstrumentEvent @event, SiteLayout layout)
    {
        var shape = layout.Shape;
        var parameter = IndexOf(layout.ParameterNames, name);
        if (parameter >= 0)
        {
            return [ValueSource.Argument(parameter)];
        }

        if (ReadsLocals(@event) && layout.LocalSlot(name) is { } local)
        {
            return [ValueSource.Local(local)];
        }

        if (@event == InstrumentEvent.Line && layout.HoistedField(name) is not null)
        {
            return [ValueSource.This];
        }

        var returns = Returns(@event);
        return name switch
        {
            "args" => Enumerable.Range(0, shape.ArgumentCount).Select(ValueSource.Argument),
            "this" or "self" when shape.HasThis => [ValueSource.This],
            "result" when returns && shape.ReturnsValue => [ValueSource.Result],
            "exception" when returns => [ValueSource.Exception],
            "start" or "elapsed" when returns => [ValueSource.StartTimestamp],
            "hotspots" when returns => [ValueSource.Hotspots],
            _ => [],
        };
    }

    /// <summary>
    /// What <c>snapshot</c> shows, in its order: <c>this</c>, the arguments, the locals (end, not async), the result
    /// and the exception (return and end). A site passes as many of them as it has room for (see SiteCompiler).
    /// </summary>
    public static IEnumerable<(string Name, ValueSource Source)> SnapshotValues(InstrumentEvent @event, SiteLayout layout, bool isAsync)
    {
        var shape = layout.Shape;
        if (shape.HasThis)
        {
            yield return ("this/this", ValueSource.This);
        }

        for (var i = 0; i < shape.ArgumentCount; i++)
        {
            var name = i < layout.ParameterNames.Count && layout.ParameterNames[i].Length > 0 ? layout.ParameterNames[i] : $"arg{i}";
            yield return ($"args/{name}", ValueSource.Argument(i));
        }

        var locals = @event == InstrumentEvent.End && !isAsync ? layout.Symbols.LocalsAtExit.Where(l => !l.IsHidden) : layout.LocalsAtLine;
        foreach (var local in locals)
        {
            yield return ($"locals/{local.Name}", ValueSource.Local(local.Slot));
        }

        if (Returns(@event) && !isAsync)
        {
            if (shape.ReturnsValue)
            {
                yield return ("result/result", ValueSource.Result);
            }

            yield return ("exception/exception", ValueSource.Exception);
        }
    }

    public static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }

        return -1;
    }
}
