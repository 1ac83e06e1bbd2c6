using System.Globalization;
using System.Text.RegularExpressions;

namespace Diagnose.Cli.Processes;

/// <summary>
/// The name a runtime gives its diagnostics socket, <c>dotnet-diagnostic-{pid}-{key}-socket</c>, where the key is the
/// process's start time (field 22 of <c>/proc/{pid}/stat</c>, in clock ticks since boot). A process killed without
/// cleaning up leaves its socket behind; once its pid is reused by another process, only the key tells the two apart.
/// </summary>
internal static partial class DiagnosticsSocketName
{
    /// <summary>The pid and key of a socket file name, or null when it is not a diagnostics socket's name.</summary>
    public static (int Pid, ulong Key)? Parse(string fileName) =>
        Pattern().Match(fileName) is { Success: true } match
            && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            && ulong.TryParse(match.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var key)
            ? (pid, key)
            : null;

    /// <summary>
    /// False when the socket was left behind by an earlier process with the same pid; true when it is the live
    /// process's, or when the process's start time cannot be read (then the socket is the only evidence there is).
    /// </summary>
    public static bool IsOfRunningProcess(string fileName) => Parse(fileName) is { } name && IsOfRunningProcess(name);

    /// <inheritdoc cref="IsOfRunningProcess(string)"/>
    public static bool IsOfRunningProcess((int Pid, ulong Key) socket) => StartTime(socket.Pid) is not { } start || start == socket.Key;

    /// <summary>The start time of the process in clock ticks since boot, or null when it cannot be read.</summary>
    public static ulong? StartTime(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // "pid (comm) state ppid …": comm may hold spaces and parentheses, so fields are counted after the last ')'.
        var close = stat.LastIndexOf(')');
        var fields = close < 0 ? [] : stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        const int startTimeAfterComm = 22 - 3;
        return fields.Length > startTimeAfterComm && ulong.TryParse(fields[startTimeAfterComm], NumberStyles.None, CultureInfo.InvariantCulture, out var start) ? start : null;
    }

    [GeneratedRegex(@"^dotnet-diagnostic-(\d+)-(\d+)-socket$")]
    private static partial Regex Pattern();
}
