using Diagnose.Native;

namespace Diagnose;

/// <summary>
/// The agent's self-diagnostics: always on and bounded. Lines go to the profiler's log file when the profiler is
/// bound, and the last ones are kept in memory either way.
/// </summary>
internal static class AgentLog
{
    private const int Capacity = 500;
    private static readonly Queue<string> s_recent = new();
    private static NativeBridge? s_bridge;

    public static void Bind(NativeBridge bridge) => s_bridge = bridge;

    public static IReadOnlyList<string> Recent()
    {
        lock (s_recent)
        {
            return s_recent.ToArray();
        }
    }

    public static void Debug(string message) => Write(NativeAbi.LogLevel.Debug, message);

    public static void Info(string message) => Write(NativeAbi.LogLevel.Info, message);

    public static void Warning(string message) => Write(NativeAbi.LogLevel.Warning, message);

    public static void Error(string message) => Write(NativeAbi.LogLevel.Error, message);

    private static void Write(NativeAbi.LogLevel level, string message)
    {
        lock (s_recent)
        {
            if (s_recent.Count == Capacity)
            {
                s_recent.Dequeue();
            }

            s_recent.Enqueue($"{DateTime.UtcNow:O} {level} agent: {message}");
        }

        try
        {
            s_bridge?.Log(level, "agent: " + message);
        }
        catch (Exception)
        {
            // The log never breaks the caller.
        }
    }
}
