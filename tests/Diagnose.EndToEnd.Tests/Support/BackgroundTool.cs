using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Diagnose.EndToEnd.Tests.Support;

/// <summary>
/// A <c>diagnose</c> command that runs until stopped (<c>watch</c>, <c>sidecar</c>): its lines are collected as they
/// come, tests wait for the ones they expect, and <see cref="Stop"/> ends it the way a terminal or Kubernetes does
/// (SIGTERM).
/// </summary>
internal sealed class BackgroundTool : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);
    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly List<string> _errors = [];

    private BackgroundTool(Process process, string command)
    {
        _process = process;
        Command = command;
        _process.OutputDataReceived += (_, e) => Add(_output, e.Data);
        _process.ErrorDataReceived += (_, e) => Add(_errors, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Command { get; }

    public int Pid => _process.Id;

    /// <summary>Standard output so far.</summary>
    public IReadOnlyList<string> Output => Snapshot(_output);

    /// <summary>Standard error so far.</summary>
    public IReadOnlyList<string> Errors => Snapshot(_errors);

    public static BackgroundTool Start(params string[] arguments) => Start(new Dictionary<string, string>(), arguments);

    /// <summary>The command with these environment variables added to the test's.</summary>
    public static BackgroundTool Start(IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        StartProgram(Installation.Diagnose, arguments, environment, "diagnose " + string.Join(' ', arguments));

    /// <summary>The command started by another program (<c>unshare … diagnose sidecar …</c>).</summary>
    public static BackgroundTool StartUnder(string program, IReadOnlyList<string> arguments) =>
        StartProgram(program, arguments, new Dictionary<string, string>(), program + " " + string.Join(' ', arguments));

    private static BackgroundTool StartProgram(string program, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, string command)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return new BackgroundTool(Process.Start(start)!, command);
    }

    /// <summary>Waits for an output line (from line <paramref name="from"/> on) that matches; returns it.</summary>
    public string WaitForOutput(Func<string, bool> match, int from = 0, TimeSpan? timeout = null) => WaitFor(_output, match, from, timeout);

    /// <summary>Waits for a line on standard error that matches; returns it.</summary>
    public string WaitForError(Func<string, bool> match, TimeSpan? timeout = null) => WaitFor(_errors, match, 0, timeout);

    /// <summary>Sends SIGTERM and returns the exit code.</summary>
    public int Stop()
    {
        if (!_process.HasExited)
        {
            _ = Kill(_process.Id, 15);
        }

        return WaitForExit();
    }

    public int WaitForExit(TimeSpan? timeout = null)
    {
        if (!_process.WaitForExit(timeout ?? s_timeout))
        {
            throw new TimeoutException($"{Command} did not end; {this}");
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    public bool HasExited => _process.HasExited;

    public void Dispose() => Processes.KillAndDispose(_process);

    public override string ToString() => $"out: {string.Join(" | ", Output)}; err: {string.Join(" | ", Errors)}";

    private static void Add(List<string> lines, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (lines)
        {
            lines.Add(line);
            Monitor.PulseAll(lines);
        }
    }

    private static IReadOnlyList<string> Snapshot(List<string> lines)
    {
        lock (lines)
        {
            return lines.ToList();
        }
    }

    private string WaitFor(List<string> lines, Func<string, bool> match, int from, TimeSpan? timeout)
    {
        var deadline = DateTime.UtcNow + (timeout ?? s_timeout);
        lock (lines)
        {
            while (true)
            {
                for (var i = from; i < lines.Count; i++)
                {
                    if (match(lines[i]))
                    {
                        return lines[i];
                    }
                }

                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || (_process.HasExited && !Monitor.Wait(lines, 200)))
                {
                    throw new TimeoutException($"{Command}: the expected line did not come (exited: {_process.HasExited}); {this}");
                }

                Monitor.Wait(lines, left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
            }
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
