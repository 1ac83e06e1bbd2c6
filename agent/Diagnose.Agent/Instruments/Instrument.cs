using System.Text.Json.Nodes;

namespace Diagnose;

/// <summary>
/// What a probe does at a method: evaluates <see cref="Value"/> (an expression) in the method's context when
/// <see cref="Event"/> happens and fires with the result. Subclass it for your own instrument types.
/// An instrument that fails (its expression or its output throws) is disabled with <see cref="Error"/> set;
/// the probed method is never affected.
/// </summary>
public abstract class Instrument
{
    private readonly List<string> _notes = new();
    private volatile string? _error;
    private Guardrails.ProbeGuard? _guard;

    protected Instrument(string name, string value, InstrumentEvent @event = InstrumentEvent.Return, DateTimeOffset? expires = null, JsonObject? custom = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Name = name;
        Id = name;
        Value = value;
        Event = @event;
        Expires = expires;
        Custom = custom ?? new JsonObject();
    }

    public string Name { get; }

    /// <summary>The expression whose value the instrument fires with.</summary>
    public string Value { get; }

    /// <summary>When it fires; a line probe makes its instruments <see cref="InstrumentEvent.Line"/> instruments.</summary>
    public InstrumentEvent Event { get; internal set; }

    /// <summary>For a line probe's instrument: the source line (set by the probe), else null.</summary>
    internal int? Line { get; set; }

    /// <summary>When the instrument stops (its probe restores the method when no instrument is left); null: never.</summary>
    public DateTimeOffset? Expires { get; }

    /// <summary>Free-form settings: <c>tags</c> (an expression giving tags), <c>condition</c> (a boolean expression).</summary>
    public JsonObject Custom { get; }

    /// <summary>A true/false setting of <see cref="Custom"/> (<c>stdout</c>, <c>elapsed</c>); <paramref name="otherwise"/> when absent or not a boolean.</summary>
    internal bool Flag(string name, bool otherwise) =>
        Custom.TryGetPropertyValue(name, out var node) && node is JsonValue value && value.TryGetValue<bool>(out var flag) ? flag : otherwise;

    /// <summary>
    /// Why the instrument was disabled, or null while it works: an error, <c>disabled: …</c> (its overhead budget) or
    /// <c>expired: …</c> (its max hits).
    /// </summary>
    public string? Error => _error;

    public bool IsEnabled => _error is null;

    /// <summary>Called when the instrument is disabled by an error (set by its owner: a probe or a manager).</summary>
    internal Action<Instrument, string>? ErrorReported { get; set; }

    /// <summary>How its expressions are bound: the manager's global namespace and mode.</summary>
    internal Expressions.ExpressionOptions Options { get; set; } = Expressions.ExpressionOptions.Default;

    /// <summary>The definition the manager made it from, to tell whether a re-applied spec changed it.</summary>
    internal string? Definition { get; set; }

    /// <summary>The manager's per-call check (only when a manager overrides CheckCall): gets the call's arguments.</summary>
    internal Func<object?[], bool>? Gate { get; set; }

    /// <summary>Methods of its probe the instrument does not apply to (an overload without a name it uses), with why.</summary>
    internal IReadOnlyList<string> Notes
    {
        get
        {
            lock (_notes)
            {
                return _notes.ToArray();
            }
        }
    }

    /// <summary>Its guardrails (rate limit, max hits, budget, counters), made when a site is first built for it.</summary>
    /// <exception cref="InstrumentException">Its <c>custom</c> has a bad rate, maxHits or budget.</exception>
    internal Guardrails.ProbeGuard Guard
    {
        get
        {
            if (Volatile.Read(ref _guard) is { } guard)
            {
                return guard;
            }

            Interlocked.CompareExchange(ref _guard, new Guardrails.ProbeGuard(this, Guardrails.GuardDefaults.Current, Guardrails.ProbeGuard.ProcessLogs), null);
            return _guard!;
        }
    }

    /// <summary>Its counters, or null before any site of it was built.</summary>
    internal Protocol.Specs.ProbeStats? Stats => Volatile.Read(ref _guard)?.Stats();

    /// <summary>Its guardrails, or null before any site of it was built (reading them makes none).</summary>
    internal Guardrails.ProbeGuard? GuardIfMade => Volatile.Read(ref _guard);

    /// <summary>The name its counters are published under (tag <c>probe</c>): the spec id for a manager's instrument.</summary>
    internal string Id { get; set; }

    /// <summary>The spec version it was made from, so a new version of a spec replaces a switched-off instrument.</summary>
    internal string? SourceVersion { get; set; }

    /// <summary>The manager's tags, sent before the instrument's own.</summary>
    internal string[] ManagerTags { get; set; } = [];

    public override string ToString() => $"{GetType().Name}({Name}: {Value} on {Event.ToString().ToLowerInvariant()})";

    /// <summary>
    /// True (the default) when firing may run code that could itself be probed, so calls are guarded against re-entry
    /// (one thread-static lookup per call). An instrument whose Fire/Record only touches its own fields may return
    /// false: where its expressions are plain arithmetic too, its sites skip the guard. Getting this wrong risks
    /// unbounded recursion (an instrument that calls a method probed by itself).
    /// </summary>
    protected internal virtual bool MayReenter => true;

    /// <summary>Fires with the value of the expression (never null for <c>log</c>, which skips nulls) and the tags as "key:value" texts.</summary>
    protected internal abstract void Fire(object? value, IReadOnlyList<string> tags);

    internal void AddNote(string note)
    {
        lock (_notes)
        {
            if (!_notes.Contains(note))
            {
                _notes.Add(note);
            }
        }
    }

    /// <summary>Disables the instrument and tells its owner; later calls of the probed method skip it.</summary>
    internal void Fail(string error)
    {
        if (_error is null)
        {
            Volatile.Read(ref _guard)?.CountError();
        }

        Disable(error);
    }

    /// <summary>
    /// Switches the instrument off with the reason (once; later reasons are ignored), tells its owner, and has its
    /// probes rebuilt without it, off this thread: a method left with no instrument runs its original code again.
    /// </summary>
    internal void Disable(string reason)
    {
        lock (_notes)
        {
            if (_error is not null)
            {
                return;
            }

            _error = reason;
        }

        ErrorReported?.Invoke(this, reason);
        Probes.Refresh(this);
    }
}
