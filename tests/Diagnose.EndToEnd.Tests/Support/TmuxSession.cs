using System.Diagnostics;
using System.Globalization;

namespace Diagnose.EndToEnd.Tests.Support;

/// <summary>
/// A program in a detached tmux window of a fixed size, on a tmux server of its own (its own socket, so nothing else
/// on the machine shares it): keys go in with send-keys, the screen comes back with capture-pane. The shell that runs
/// the program writes its exit status to a file (tmux 3.3 leaves pane_dead_status empty), and the pane stays after it
/// exits (remain-on-exit) so the last screen can still be read. Disposing kills the server.
/// </summary>
internal sealed class TmuxSession : IDisposable
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(30);
    private readonly string _socket;
    private readonly string _status = Path.Combine(Path.GetTempPath(), $"diagnose-tmux-{Guid.NewGuid():N}.status");

    private TmuxSession(string socket) => _socket = socket;

    /// <summary>Starts <paramref name="program"/> with <paramref name="arguments"/> in a window of <paramref name="columns"/> × <paramref name="rows"/>.</summary>
    public static TmuxSession Start(int columns, int rows, string program, params string[] arguments)
    {
        var session = new TmuxSession($"diagnose-test-{Environment.ProcessId}-{Guid.NewGuid():N}");
        var command = string.Join(' ', new[] { program }.Concat(arguments).Select(Quote)) + $"; echo $? > {Quote(session._status)}.part && mv {Quote(session._status)}.part {Quote(session._status)}";
        session.Tmux("-f", "/dev/null", "new-session", "-d", "-s", "t", "-x", columns.ToString(CultureInfo.InvariantCulture), "-y", rows.ToString(CultureInfo.InvariantCulture), "-e", "TERM=xterm-256color", command);
        session.Tmux("set-option", "-t", "t", "remain-on-exit", "on");
        return session;
    }

    /// <summary>The visible screen, one string per row (trailing blanks trimmed).</summary>
    public IReadOnlyList<string> Screen() =>
        Tmux("capture-pane", "-p", "-t", "t").Split('\n').Select(l => l.TrimEnd()).ToList();

    /// <summary>
    /// Captures the screen until <paramref name="done"/> holds for it, and returns that screen; fails with the last
    /// screen after 30 s. It waits for a state of the screen, not for a time.
    /// </summary>
    public IReadOnlyList<string> WaitFor(Func<IReadOnlyList<string>, bool> done, string what)
    {
        var watch = Stopwatch.StartNew();
        var screen = Screen();
        while (!done(screen))
        {
            if (watch.Elapsed > s_deadline)
            {
                throw new TimeoutException($"the screen did not show {what} in {s_deadline.TotalSeconds} s; it shows:\n{string.Join('\n', screen)}");
            }

            Thread.Sleep(100);
            screen = Screen();
        }

        return screen;
    }

    /// <summary>Types <paramref name="keys"/> (tmux key names or literal text with <paramref name="literal"/>).</summary>
    public void Send(string keys, bool literal = true) =>
        Tmux(literal ? ["send-keys", "-t", "t", "-l", keys] : ["send-keys", "-t", "t", keys]);

    /// <summary>The program's exit status once it has exited, else null.</summary>
    public int? ExitStatus() =>
        File.Exists(_status) ? int.Parse(File.ReadAllText(_status).Trim(), CultureInfo.InvariantCulture) : null;

    /// <summary>Waits until the program has exited and returns its status.</summary>
    public int WaitForExit()
    {
        var watch = Stopwatch.StartNew();
        int? status;
        while ((status = ExitStatus()) is null)
        {
            if (watch.Elapsed > s_deadline)
            {
                throw new TimeoutException($"the program in tmux did not exit in {s_deadline.TotalSeconds} s; it shows:\n{string.Join('\n', Screen())}");
            }

            Thread.Sleep(100);
        }

        return status.Value;
    }

    public void Dispose()
    {
        try
        {
            Tmux("kill-server");
        }
        catch (InvalidOperationException)
        {
            // The server is gone already.
        }

        File.Delete(_status);
    }

    private static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private string Tmux(params string[] arguments)
    {
        var start = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-L");
        start.ArgumentList.Add(_socket);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(20)))
        {
            process.Kill();
            throw new InvalidOperationException($"tmux {string.Join(' ', arguments)} did not finish");
        }

        return process.ExitCode == 0 ? output.Result : throw new InvalidOperationException($"tmux {string.Join(' ', arguments)}: exit {process.ExitCode}: {error.Result.Trim()}");
    }
}
