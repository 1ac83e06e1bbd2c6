using System.Text.Json;

namespace Diagnose.Protocol.Specs;

/// <summary>
/// Reads one spec (<c>{"target", "instrument", "lifespan", "lastmodified", "applied"}</c>) and checks every field
/// against what diagnose needs, collecting all problems into one message that names the spec and each field:
/// <c>spec 'instr-1': 'instrument.type' is missing; 'lifespan' must be a number of minutes, got "ten"</c>.
/// A spec with problems is still returned (with <see cref="Spec.Error"/> set) so that its <c>applied</c> entry can
/// be written.
/// </summary>
internal sealed class SpecReader
{
    internal static readonly string[] Events = ["call", "return", "end"];
    internal const string DefaultEvent = "return";

    private readonly List<string> _problems = [];

    private SpecReader()
    {
    }

    internal static Spec Read(string id, JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            var error = $"spec '{id}' must be a JSON object, got {SpecJson.Describe(json)}";
            return new Spec(id, json, string.Empty, InstrumentSpec.Unreadable, null, null, null, error);
        }

        var reader = new SpecReader();
        var target = reader.RequiredString(json, "target", "target", "a string");
        var instrument = reader.ReadInstrumentField(json);
        var lifespan = reader.ReadLifespan(json);
        var (lastModified, lastModifiedText) = reader.ReadLastModified(json, lifespan is not null);
        reader.CheckApplied(json);
        var spec = reader._problems.Count == 0 ? null : $"spec '{id}': {string.Join("; ", reader._problems)}";
        return new Spec(id, json, target, instrument, lifespan, lastModified, lastModifiedText, spec);
    }

    /// <summary>Reads an instrument object on its own; problems name fields as <c>'instrument.x'</c>.</summary>
    internal static InstrumentSpec ReadInstrument(JsonElement json, out string? error)
    {
        var reader = new SpecReader();
        var instrument = reader.ReadInstrumentObject(json);
        error = reader._problems.Count == 0 ? null : string.Join("; ", reader._problems);
        return instrument;
    }

    private InstrumentSpec ReadInstrumentField(JsonElement spec)
    {
        if (!Present(spec, "instrument", out var json))
        {
            _problems.Add("'instrument' is missing");
            return InstrumentSpec.Unreadable;
        }

        if (json.ValueKind != JsonValueKind.Object)
        {
            _problems.Add($"'instrument' must be a JSON object, got {SpecJson.Describe(json)}");
            return InstrumentSpec.Unreadable;
        }

        return ReadInstrumentObject(json);
    }

    private InstrumentSpec ReadInstrumentObject(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            _problems.Add($"'instrument' must be a JSON object, got {SpecJson.Describe(json)}");
            return InstrumentSpec.Unreadable;
        }

        var type = RequiredString(json, "type", "instrument.type", "a string");
        var name = RequiredString(json, "name", "instrument.name", "a string");
        var value = RequiredString(json, "value", "instrument.value", "an expression string");
        var @event = ReadEvent(json);
        var custom = ReadCustom(json);
        var tags = OptionalExpression(custom, "tags");
        var condition = OptionalExpression(custom, "condition");
        GuardLimits.Read(custom, _problems);
        if (json.TryGetProperty("expires", out _))
        {
            // diagnose computes expires itself and passes it beside the instrument's keys (a clash in Python).
            _problems.Add("'instrument.expires' is not allowed: the expiry comes from 'lastmodified' + 'lifespan'");
        }

        return new InstrumentSpec(json, type, name, value, @event, custom, tags, condition);
    }

    private string ReadEvent(JsonElement instrument)
    {
        if (!instrument.TryGetProperty("event", out var json))
        {
            return DefaultEvent;
        }

        var text = json.ValueKind == JsonValueKind.String ? json.GetString() : null;
        if (text is null || Array.IndexOf(Events, text) < 0)
        {
            _problems.Add($"'instrument.event' must be one of {string.Join(", ", Events)}, got {SpecJson.Describe(json)}");
            return DefaultEvent;
        }

        return text;
    }

    /// <summary>diagnose: <c>self.custom = custom or {}</c>, so a missing or null custom is an empty object.</summary>
    private JsonElement ReadCustom(JsonElement instrument)
    {
        if (!Present(instrument, "custom", out var json))
        {
            return InstrumentSpec.EmptyCustom;
        }

        if (json.ValueKind != JsonValueKind.Object)
        {
            _problems.Add($"'instrument.custom' must be a JSON object, got {SpecJson.Describe(json)}");
            return InstrumentSpec.EmptyCustom;
        }

        return json;
    }

    /// <summary>
    /// <c>custom.tags</c> / <c>custom.condition</c>: an expression string; diagnose evaluates <c>custom["tags"]</c>
    /// only when it is truthy, so null and "" mean none.
    /// </summary>
    private string? OptionalExpression(JsonElement custom, string key)
    {
        if (!Present(custom, key, out var json))
        {
            return null;
        }

        if (json.ValueKind != JsonValueKind.String)
        {
            _problems.Add($"'instrument.custom.{key}' must be an expression string, got {SpecJson.Describe(json)}");
            return null;
        }

        var text = json.GetString();
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }

    /// <summary>Minutes; may be fractional or negative (already expired); null or missing: never expires.</summary>
    private double? ReadLifespan(JsonElement spec)
    {
        if (!Present(spec, "lifespan", out var json))
        {
            return null;
        }

        if (json.ValueKind != JsonValueKind.Number || !json.TryGetDouble(out var minutes) || !double.IsFinite(minutes))
        {
            _problems.Add($"'lifespan' must be a number of minutes, got {SpecJson.Describe(json)}");
            return null;
        }

        return minutes;
    }

    /// <summary>Required when there is a lifespan, which counts from it (as in diagnose); optional otherwise.</summary>
    private (DateTimeOffset? Time, string? Text) ReadLastModified(JsonElement spec, bool hasLifespan)
    {
        if (!Present(spec, "lastmodified", out var json))
        {
            if (hasLifespan)
            {
                _problems.Add("'lastmodified' is missing; 'lifespan' counts from it");
            }

            return (null, null);
        }

        var text = json.ValueKind == JsonValueKind.String ? json.GetString() : null;
        if (text is null || !SpecTimestamp.TryParse(text, out var time))
        {
            _problems.Add($"'lastmodified' must be an ISO-8601 UTC timestamp like \"2026-11-22T10:00:00Z\", got {SpecJson.Describe(json)}");
            return (null, null);
        }

        return (time, text);
    }

    private void CheckApplied(JsonElement spec)
    {
        if (Present(spec, "applied", out var json) && json.ValueKind != JsonValueKind.Object)
        {
            _problems.Add($"'applied' must be a JSON object of process → {{\"lm\", \"err\"}}, got {SpecJson.Describe(json)}");
        }
    }

    private string RequiredString(JsonElement json, string key, string path, string what)
    {
        if (!json.TryGetProperty(key, out var value))
        {
            _problems.Add($"'{path}' is missing");
            return string.Empty;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            _problems.Add($"'{path}' must be {what}, got {SpecJson.Describe(value)}");
            return string.Empty;
        }

        var text = value.GetString() ?? string.Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            _problems.Add($"'{path}' must not be empty");
        }

        return text;
    }

    /// <summary>True when the key exists with a value other than null (JSON null counts as absent).</summary>
    private static bool Present(JsonElement json, string key, out JsonElement value)
    {
        return json.TryGetProperty(key, out value) && value.ValueKind != JsonValueKind.Null;
    }
}
