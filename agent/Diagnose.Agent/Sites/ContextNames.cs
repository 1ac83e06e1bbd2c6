using Diagnose.Rewriting;

namespace Diagnose.Sites;

/// <summary>
/// The names an instrument's expressions may use, per event (SPEC.md "Events and the evaluation context"), and the
/// values each one needs captured. Parameters by name win over built-in names they shadow.
/// </summary>
internal static class ContextNames
{
    private static readonly string[] s_call = ["args", "this", "self", "start", "now", "method", "caller", "stack", "thread"];
    private static readonly string[] s_return = ["result", "end", "elapsed", "exception", "hotspots"];

    /// <summary>Every name the event offers (parameters and locals are added by the caller).</summary>
    public static IEnumerable<string> BuiltIn(InstrumentEvent @event) =>
        @event == InstrumentEvent.Call ? s_call : s_call.Concat(s_return);

    /// <summary>True when <paramref name="name"/> is a built-in name of some event other than <paramref name="event"/>.</summary>
    public static bool BelongsToLaterEvent(string name, InstrumentEvent @event) =>
        @event == InstrumentEvent.Call && s_return.Contains(name);

    /// <summary>The values that must be captured for <paramref name="name"/> to be evaluated on <paramref name="event"/>.</summary>
    public static IEnumerable<ValueSource> SourcesOf(string name, InstrumentEvent @event, SiteLayout layout)
    {
        var shape = layout.Shape;
        var parameter = IndexOf(layout.ParameterNames, name);
        if (parameter >= 0)
        {
            return [ValueSource.Argument(parameter)];
        }

        if (@event == InstrumentEvent.End && layout.LocalSlot(name) is { } local)
        {
            return [ValueSource.Local(local)];
        }

        var returns = @event != InstrumentEvent.Call;
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
