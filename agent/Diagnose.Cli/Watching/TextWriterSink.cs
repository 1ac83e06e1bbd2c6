using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace Diagnose.Cli.Watching;

/// <summary>Writes formatted events to a <see cref="TextWriter"/> (tests render watches into a string this way).</summary>
internal sealed class TextWriterSink(TextWriter output, ITextFormatter formatter) : ILogEventSink
{
    public void Emit(LogEvent logEvent)
    {
        formatter.Format(logEvent, output);
        output.Flush();
    }
}
