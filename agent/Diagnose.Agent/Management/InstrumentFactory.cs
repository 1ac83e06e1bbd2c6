using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Diagnose.Protocol.Specs;

namespace Diagnose.Management;

/// <summary>Makes instruments from specs through the manager's instrument classes.</summary>
internal static class InstrumentFactory
{
    private static readonly Type[] s_constructor = [typeof(string), typeof(string), typeof(InstrumentEvent), typeof(DateTimeOffset?), typeof(JsonObject)];

    public static IReadOnlyDictionary<string, Type> BuiltIn { get; } = new Dictionary<string, Type>
    {
        ["log"] = typeof(LogInstrument),
        ["hist"] = typeof(HistogramInstrument),
        ["incr"] = typeof(IncrementInstrument),
        ["gauge"] = typeof(GaugeInstrument),
        ["test"] = typeof(TestInstrument),
        ["snapshot"] = typeof(SnapshotInstrument),
    };

    /// <summary>A text that changes whenever the instrument the spec describes changes.</summary>
    public static string Definition(Spec spec, Type type) =>
        $"{type.FullName}\n{spec.Instrument.Name}\n{spec.Instrument.Value}\n{spec.Instrument.Event}\n{spec.Instrument.Custom.GetRawText()}\n{spec.Expires:O}";

    public static InstrumentEvent EventOf(string text) => text switch
    {
        "call" => InstrumentEvent.Call,
        "end" => InstrumentEvent.End,
        "line" => InstrumentEvent.Line,
        _ => InstrumentEvent.Return,
    };

    /// <summary>Why the type lacks the public constructor <see cref="Create"/> calls, or null when it has it.</summary>
    public static string? ConstructorProblem(Type type) => type.GetConstructor(s_constructor) is null
        ? $"instrument class {type.FullName} needs a constructor (string name, string value, InstrumentEvent @event, DateTimeOffset? expires, JsonObject? custom)"
        : null;

    /// <exception cref="DiagnoseException">The type has no usable constructor or it threw.</exception>
    public static Instrument Create(Type type, Spec spec)
    {
        var constructor = type.GetConstructor(s_constructor) ?? throw new DiagnoseException(ConstructorProblem(type)!);
        var custom = JsonNode.Parse(spec.Instrument.Custom.GetRawText()) as JsonObject ?? new JsonObject();
        try
        {
            return (Instrument)constructor.Invoke([spec.Instrument.Name, spec.Instrument.Value, EventOf(spec.Instrument.Event), spec.Expires, custom]);
        }
        catch (TargetInvocationException e) when (e.InnerException is { } inner)
        {
            throw new DiagnoseException($"instrument class {type.Name} refused the spec: {inner.Message}");
        }
        catch (JsonException e)
        {
            throw new DiagnoseException($"'instrument.custom' is not a JSON object: {e.Message}");
        }
    }
}
