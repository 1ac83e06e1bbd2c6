using System.Text.Json.Nodes;
using Diagnose.Redaction;
using Diagnose.Snapshots;

namespace Diagnose;

/// <summary>
/// Writes a snapshot at its event: with the value <c>snapshot</c> (the default), the arguments, <c>this</c>, the
/// locals (end), <c>result</c> or <c>exception</c> and the stack, as one JSON object; with any other value, that value's
/// object graph. Fields only, within limits, redacted (see <see cref="SnapshotWriter"/>). Goes where log lines go:
/// <c>Snapshot (name) = {…}</c> on the process's standard output and a <c>watch</c> event; 1 a second by default.
/// <c>custom.depth</c> (1 to 10, default 3) sets how deep references are followed.
/// </summary>
public class SnapshotInstrument : Instrument
{
    /// <summary>The value that stands for the whole frame.</summary>
    public const string Frame = "snapshot";

    private readonly SnapshotLimits _limits;

    public SnapshotInstrument(string name, string value = Frame, InstrumentEvent @event = InstrumentEvent.Return, DateTimeOffset? expires = null, JsonObject? custom = null)
        : base(name, value, @event, expires, custom)
    {
        _limits = SnapshotLimits.From(Custom);
    }

    protected internal override void Fire(object? value, IReadOnlyList<string> tags) => Write(value);

    /// <summary>Writes one snapshot of <paramref name="value"/> under this instrument's name, limits and guard (its fires, and an exceptions probe's).</summary>
    internal void Write(object? value) =>
        InstrumentOutput.WriteSnapshot(Name, SnapshotWriter.Write(Name, value, _limits, Redactor.Current), Guard);
}
