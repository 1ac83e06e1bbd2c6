using System.Text.Json;
using System.Text.Json.Nodes;

namespace Diagnose.Protocol.Specs;

/// <summary>
/// The <c>instrument</c> part of a spec: what to record when the probe fires
/// (<c>{"type", "name", "value", "event", "custom"}</c>, as diagnose passes them to its instrument classes).
/// The JSON it was read from is kept as it was, unknown keys included.
/// </summary>
public sealed class InstrumentSpec
{
    /// <summary>An empty <c>custom</c> (declared first: <see cref="Unreadable"/> uses it).</summary>
    internal static JsonElement EmptyCustom { get; } = SpecJson.ToElement(w =>
    {
        w.WriteStartObject();
        w.WriteEndObject();
    });

    /// <summary>Stands in for an instrument that could not be read (its spec has an error).</summary>
    internal static readonly InstrumentSpec Unreadable =
        new(default, string.Empty, string.Empty, string.Empty, SpecReader.DefaultEvent, EmptyCustom, null, null);

    /// <summary>Makes an instrument; throws <see cref="ArgumentException"/> with the same texts as reading JSON.</summary>
    /// <param name="type">The instrument class as registered with the manager: <c>log</c>, <c>hist</c>, <c>incr</c> …</param>
    /// <param name="name">The instrument's name (log prefix, metric name).</param>
    /// <param name="value">The expression whose value is recorded.</param>
    /// <param name="event">When to evaluate it: <c>call</c>, <c>return</c> (the default) or <c>end</c>.</param>
    /// <param name="custom">Further data; <c>tags</c> and <c>condition</c> are expressions the instruments use.</param>
    public InstrumentSpec(string type, string name, string value, string @event = SpecReader.DefaultEvent, JsonObject? custom = null)
        : this(Checked(type, name, value, @event, custom))
    {
    }

    internal InstrumentSpec(
        JsonElement json, string type, string name, string value, string @event, JsonElement custom, string? tags, string? condition)
    {
        Json = json;
        Type = type;
        Name = name;
        Value = value;
        Event = @event;
        Custom = custom;
        Tags = tags;
        Condition = condition;
    }

    private InstrumentSpec(InstrumentSpec read)
        : this(read.Json, read.Type, read.Name, read.Value, read.Event, read.Custom, read.Tags, read.Condition)
    {
    }

    /// <summary><c>type</c>: the key of the instrument class in the manager's instrument classes.</summary>
    public string Type { get; }

    /// <summary><c>name</c>.</summary>
    public string Name { get; }

    /// <summary><c>value</c>: an expression.</summary>
    public string Value { get; }

    /// <summary><c>event</c>: <c>call</c>, <c>return</c> or <c>end</c>; <c>return</c> when the JSON has none.</summary>
    public string Event { get; }

    /// <summary><c>custom</c>: always a JSON object (empty when the JSON has none or null), kept losslessly.</summary>
    public JsonElement Custom { get; }

    /// <summary><c>custom.tags</c>: an expression giving tags, or null (also for "").</summary>
    public string? Tags { get; }

    /// <summary><c>custom.condition</c>: a boolean expression; the instrument fires only when it is true. Or null.</summary>
    public string? Condition { get; }

    /// <summary>Its guardrail settings from <c>custom</c> (rate, maxHits, budgetMs, cpuPercent); checked when read.</summary>
    internal GuardLimits Limits => GuardLimits.Read(Custom, new List<string>());

    /// <summary>The instrument object as read (or as built for one made in code).</summary>
    internal JsonElement Json { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Type} '{Name}' = {Value} on {Event}";

    private static InstrumentSpec Checked(string type, string name, string value, string @event, JsonObject? custom)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(@event);
        var json = SpecJson.ToElement(w =>
        {
            w.WriteStartObject();
            w.WriteString("type", type);
            w.WriteString("name", name);
            w.WriteString("value", value);
            w.WriteString("event", @event);
            w.WritePropertyName("custom");
            if (custom is null)
            {
                w.WriteStartObject();
                w.WriteEndObject();
            }
            else
            {
                custom.WriteTo(w);
            }

            w.WriteEndObject();
        });
        var read = SpecReader.ReadInstrument(json, out var error);
        return error is null ? read : throw new ArgumentException(error);
    }
}
