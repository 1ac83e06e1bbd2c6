using System.Text.Json.Nodes;

namespace Diagnose;

/// <summary>
/// Writes <c>Probe (name)[tags=[k:v, …]] = value</c> to the process's standard output (unless
/// <c>DIAGNOSE_LOG_STDOUT=0</c>, or <c>custom.stdout: false</c> for this instrument) and as an event that
/// <c>diagnose watch</c> streams. Null values are skipped.
/// </summary>
public class LogInstrument : Instrument
{
    public LogInstrument(string name, string value, InstrumentEvent @event = InstrumentEvent.Return, DateTimeOffset? expires = null, JsonObject? custom = null)
        : base(name, value, @event, expires, custom)
    {
        _toStandardOutput = Flag("stdout", otherwise: true);
    }

    private readonly bool _toStandardOutput;

    protected internal override void Fire(object? value, IReadOnlyList<string> tags)
    {
        if (value is null)
        {
            Guard.Refund(); // no line: it costs no token
            return;
        }

        var text = ValueText.Render(value);
        Guard.LastLine = text;
        InstrumentOutput.WriteLog(Name, text, tags, Guard, _toStandardOutput);
    }
}
