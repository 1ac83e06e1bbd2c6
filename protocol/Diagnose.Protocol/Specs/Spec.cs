using System.Text;
using System.Text.Json;

namespace Diagnose.Protocol.Specs;

/// <summary>
/// One desired probe, wire-compatible with a diagnose spec:
/// <code>
/// "instr-1": {"target": "MyApp.Billing.Invoice.Total",
///             "instrument": {"type": "log", "name": "myapp.total", "value": "result", "event": "return", "custom": {}},
///             "lifespan": 10, "lastmodified": "2026-11-22T10:00:00Z",
///             "applied": {"host:4242": {"lm": "2026-11-22T10:00:00Z", "err": null}}}
/// </code>
/// The desired part is immutable and kept exactly as read (key order, unknown keys, number and timestamp texts);
/// only <c>applied</c> changes, one entry per process, safely from any thread.
/// </summary>
public sealed class Spec
{
    private readonly JsonElement _json;
    private readonly object _gate = new();
    private readonly List<KeyValuePair<string, JsonElement>> _applied = [];
    private bool _appliedChanged;

    /// <summary>
    /// Makes a spec in code; throws <see cref="ArgumentException"/> with the same texts as reading JSON.
    /// </summary>
    /// <param name="id">The spec's id (its key in the spec set).</param>
    /// <param name="target">The method to probe, e.g. <c>MyApp.Billing.Invoice.Total</c>.</param>
    /// <param name="instrument">What to record.</param>
    /// <param name="lastModified">When the spec was last changed (kept to the microsecond).</param>
    /// <param name="lifespan">Minutes from <paramref name="lastModified"/> until the instrument expires; null: never.</param>
    public Spec(string id, string target, InstrumentSpec instrument, DateTimeOffset lastModified, double? lifespan = null)
        : this(Checked(id, target, instrument, lastModified, lifespan))
    {
    }

    internal Spec(
        string id,
        JsonElement json,
        string target,
        InstrumentSpec instrument,
        double? lifespan,
        DateTimeOffset? lastModified,
        string? lastModifiedText,
        string? error)
    {
        Id = id;
        _json = json;
        Target = target;
        Instrument = instrument;
        Lifespan = lifespan;
        LastModified = lastModified;
        LastModifiedText = lastModifiedText;
        Expires = SpecTimestamp.Expires(lastModified, lifespan);
        Error = error;
        if (json.ValueKind == JsonValueKind.Object && json.TryGetProperty("applied", out var applied) && applied.ValueKind == JsonValueKind.Object)
        {
            foreach (var entry in applied.EnumerateObject())
            {
                Put(entry.Name, entry.Value);
            }
        }
    }

    private Spec(Spec read)
        : this(read.Id, read._json, read.Target, read.Instrument, read.Lifespan, read.LastModified, read.LastModifiedText, read.Error)
    {
    }

    /// <summary>The spec's id: its key in the spec set.</summary>
    public string Id { get; }

    /// <summary><c>target</c>: the method to probe.</summary>
    public string Target { get; }

    /// <summary><c>instrument</c>. Meaningful only when <see cref="IsValid"/>.</summary>
    public InstrumentSpec Instrument { get; }

    /// <summary><c>lifespan</c> in minutes (fractional and negative allowed), or null: never expires.</summary>
    public double? Lifespan { get; }

    /// <summary><c>lastmodified</c> in UTC, or null when the spec has none (allowed only without a lifespan).</summary>
    public DateTimeOffset? LastModified { get; }

    /// <summary>
    /// When the instrument stops firing: <c>lastmodified + lifespan</c>, as diagnose computes it (counting from the
    /// last change of the spec, not from when a process applied it), or null: never.
    /// </summary>
    public DateTimeOffset? Expires { get; }

    /// <summary>Everything wrong with the spec, naming it and each field; null when it can be applied.</summary>
    public string? Error { get; }

    /// <summary>True when the spec has no <see cref="Error"/>.</summary>
    public bool IsValid => Error is null;

    /// <summary>A snapshot of <c>applied</c>: process key (<c>"host:pid"</c>) → entry, in document order.</summary>
    public IReadOnlyDictionary<string, AppliedEntry> Applied
    {
        get
        {
            var snapshot = new Dictionary<string, AppliedEntry>(StringComparer.Ordinal);
            lock (_gate)
            {
                foreach (var (key, value) in _applied)
                {
                    if (AppliedEntry.Read(value) is { } entry)
                    {
                        snapshot[key] = entry;
                    }
                }
            }

            return snapshot;
        }
    }

    /// <summary>The spec's JSON as read (with <c>applied</c> as it was then).</summary>
    internal JsonElement Json => _json;

    /// <summary><c>lastmodified</c> exactly as written, which <c>applied[…].lm</c> repeats.</summary>
    internal string? LastModifiedText { get; }

    /// <summary>True when the spec has expired at <paramref name="now"/> (diagnose: <c>now &gt; expires</c>).</summary>
    public bool IsExpired(DateTimeOffset now) => Expires is DateTimeOffset expires && now > expires;

    /// <summary>
    /// Sets this process's entry in <c>applied</c>; returns false when it already had that entry (nothing to write
    /// back). A spec that is not a JSON object cannot hold entries and is left alone.
    /// </summary>
    public bool SetApplied(AppliedEntry entry) => SetApplied(ProcessKey.Current, entry);

    /// <summary>Sets the entry of the process <paramref name="processKey"/>; see <see cref="SetApplied(AppliedEntry)"/>.</summary>
    internal bool SetApplied(string processKey, AppliedEntry entry)
    {
        ArgumentException.ThrowIfNullOrEmpty(processKey);
        ArgumentNullException.ThrowIfNull(entry);
        if (_json.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        lock (_gate)
        {
            var index = _applied.FindIndex(pair => pair.Key == processKey);
            if (index >= 0 && AppliedEntry.Read(_applied[index].Value) is { } current && current == entry && current.Stats == entry.Stats)
            {
                return false;
            }

            Put(processKey, SpecJson.ToElement(entry.WriteTo));
            _appliedChanged = true;
            return true;
        }
    }

    /// <summary>The spec's JSON value (without its id), indented unless asked otherwise.</summary>
    public string ToJson(bool indented = true)
    {
        return Encoding.UTF8.GetString(SpecJson.ToUtf8(WriteTo, indented));
    }

    /// <inheritdoc/>
    public override string ToString() => $"spec '{Id}': {Instrument} at {Target}";

    /// <summary>
    /// Writes the spec's value: every key as read, in its order, with <c>applied</c> as it is now (added at the end
    /// when the JSON had none and a process has written an entry).
    /// </summary>
    internal void WriteTo(Utf8JsonWriter writer)
    {
        if (_json.ValueKind != JsonValueKind.Object)
        {
            _json.WriteTo(writer);
            return;
        }

        lock (_gate)
        {
            writer.WriteStartObject();
            var wroteApplied = false;
            foreach (var property in _json.EnumerateObject())
            {
                if (property.Name != "applied")
                {
                    property.WriteTo(writer);
                }
                else if (!wroteApplied)
                {
                    wroteApplied = true;
                    if (_appliedChanged || property.Value.ValueKind == JsonValueKind.Object)
                    {
                        WriteApplied(writer);
                    }
                    else
                    {
                        property.WriteTo(writer);
                    }
                }
            }

            if (!wroteApplied && _applied.Count > 0)
            {
                WriteApplied(writer);
            }

            writer.WriteEndObject();
        }
    }

    private void WriteApplied(Utf8JsonWriter writer)
    {
        writer.WritePropertyName("applied");
        writer.WriteStartObject();
        foreach (var (key, value) in _applied)
        {
            writer.WritePropertyName(key);
            value.WriteTo(writer);
        }

        writer.WriteEndObject();
    }

    private void Put(string processKey, JsonElement value)
    {
        var index = _applied.FindIndex(pair => pair.Key == processKey);
        if (index >= 0)
        {
            _applied[index] = new(processKey, value);
        }
        else
        {
            _applied.Add(new(processKey, value));
        }
    }

    private static Spec Checked(string id, string target, InstrumentSpec instrument, DateTimeOffset lastModified, double? lifespan)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(instrument);
        if (instrument.Json.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException("the instrument of an unreadable spec cannot be reused", nameof(instrument));
        }

        if (lifespan is double minutes && !double.IsFinite(minutes))
        {
            throw new ArgumentOutOfRangeException(nameof(lifespan), lifespan, "a lifespan is a finite number of minutes");
        }

        var json = SpecJson.ToElement(w =>
        {
            w.WriteStartObject();
            w.WriteString("target", target);
            w.WritePropertyName("instrument");
            instrument.Json.WriteTo(w);
            if (lifespan is double span)
            {
                w.WriteNumber("lifespan", span);
            }
            else
            {
                w.WriteNull("lifespan");
            }

            w.WriteString("lastmodified", SpecTimestamp.Format(lastModified));
            w.WriteStartObject("applied");
            w.WriteEndObject();
            w.WriteEndObject();
        });
        var read = SpecReader.Read(id, json);
        return read.IsValid ? read : throw new ArgumentException(read.Error);
    }
}
