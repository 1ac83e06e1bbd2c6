using System.Text;
using Diagnose.Guardrails;

namespace Diagnose;

/// <summary>
/// Where instrument output goes in the target: its standard output and any listeners (the control channel), both
/// through the bounded <see cref="OutputQueue"/>.
/// </summary>
internal static class InstrumentOutput
{
    private static readonly bool s_toStandardOutput = Environment.GetEnvironmentVariable("DIAGNOSE_LOG_STDOUT") != "0";
    private static readonly OutputQueue s_queue = new(Write);
    private static StreamWriter? s_stdout;

    /// <summary>Called with (instrument name, value text, tags) for every log line (on the firing or the output thread).</summary>
    public static event Action<string, string, IReadOnlyList<string>>? LogWritten;

    /// <summary>Called with (instrument name, the snapshot's JSON) for every snapshot (on the firing or the output thread).</summary>
    public static event Action<string, string>? SnapshotWritten;

    public static string FormatSnapshot(string name, string json) => $"Snapshot ({name}) = {json}";

    public static string FormatLog(string name, string text, IReadOnlyList<string> tags) =>
        $"Probe ({name})[tags=[{string.Join(", ", tags.Select(ValueText.Cut))}]] = {text}";

    /// <summary>
    /// Writes or queues a line; when the queue is full it is dropped and counted on <paramref name="guard"/>. With
    /// <paramref name="toStandardOutput"/> false only listeners (the channel) get it.
    /// </summary>
    public static void WriteLog(string name, string text, IReadOnlyList<string> tags, ProbeGuard? guard = null, bool toStandardOutput = true) =>
        s_queue.TryWrite(name, text, tags, guard, toStandardOutput ? OutputKind.Log : OutputKind.ListenersOnly);

    /// <summary>Writes or queues a snapshot like a log line (same queue, same limits).</summary>
    public static void WriteSnapshot(string name, string json, ProbeGuard? guard = null) =>
        s_queue.TryWrite(name, json, [], guard, OutputKind.Snapshot);

    /// <summary>Waits until the queued lines are written (at most <paramref name="timeout"/>).</summary>
    public static bool Flush(TimeSpan timeout) => s_queue.Flush(timeout);

    private static void Write(string name, string text, IReadOnlyList<string> tags, OutputKind kind)
    {
        if (s_toStandardOutput && kind != OutputKind.ListenersOnly)
        {
            try
            {
                s_stdout ??= new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = true };
                s_stdout.WriteLine(kind == OutputKind.Snapshot ? FormatSnapshot(name, text) : FormatLog(name, text, tags));
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or UnauthorizedAccessException)
            {
                // A closed or broken stdout loses the line; the channel may still have a reader.
            }
        }

        try
        {
            if (kind == OutputKind.Snapshot)
            {
                SnapshotWritten?.Invoke(name, text);
            }
            else
            {
                LogWritten?.Invoke(name, text, tags);
            }
        }
        catch (Exception e)
        {
            AgentLog.Error($"a log line could not be forwarded: {e.Message}");
        }
    }
}
