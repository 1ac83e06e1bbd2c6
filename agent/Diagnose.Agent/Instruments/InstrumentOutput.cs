using System.Text;

namespace Diagnose;

/// <summary>Where instrument output goes in the target: its standard output and any listeners (the control channel).</summary>
internal static class InstrumentOutput
{
    private static readonly object s_gate = new();
    private static readonly bool s_toStandardOutput = Environment.GetEnvironmentVariable("DIAGNOSE_LOG_STDOUT") != "0";
    private static StreamWriter? s_stdout;

    /// <summary>Called with (instrument name, value text, tags) for every log line.</summary>
    public static event Action<string, string, IReadOnlyList<string>>? LogWritten;

    public static string FormatLog(string name, string text, IReadOnlyList<string> tags) =>
        $"Probe ({name})[tags=[{string.Join(", ", tags.Select(ValueText.Cut))}]] = {text}";

    public static void WriteLog(string name, string text, IReadOnlyList<string> tags)
    {
        if (s_toStandardOutput)
        {
            var line = FormatLog(name, text, tags);
            lock (s_gate)
            {
                s_stdout ??= new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = true };
                s_stdout.WriteLine(line);
            }
        }

        LogWritten?.Invoke(name, text, tags);
    }
}
