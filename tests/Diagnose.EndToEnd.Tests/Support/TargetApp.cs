using System.Collections.Concurrent;
using System.Diagnostics;

namespace Diagnose.EndToEnd.Tests.Support;

/// <summary>
/// A running Sample target driven over stdin: one command per line, answered by "= result" or "! exception", with
/// probe output printed before it. Started under the profiler (<c>diagnose run</c>) or plain and then attached to.
/// </summary>
internal sealed class TargetApp : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);
    private readonly Process _process;
    private readonly BlockingCollection<string> _lines = new();
    private readonly ConcurrentQueue<string> _errors = new();

    private TargetApp(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _lines.CompleteAdding();
            }
            else
            {
                _lines.Add(e.Data);
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                _errors.Enqueue(e.Data);
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var ready = NextLine(s_timeout);
        if (!ready.StartsWith("ready ", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"the target did not start: {ready} {StandardError}");
        }

        Pid = int.Parse(ready.Split(' ')[1]);
        ReadyLine = ready;
    }

    /// <summary>The target's own pid (under <c>diagnose run</c> it is a child of the tool).</summary>
    public int Pid { get; }

    public string ReadyLine { get; }

    public string StandardError => string.Join("\n", _errors);

    /// <summary>What <c>diagnose attach</c> answered, in <see cref="StartMode.Attached"/>.</summary>
    public ToolRun? Attach { get; private set; }

    /// <param name="runtime">Which build of the target.</param>
    /// <param name="mode">Launched under <c>diagnose run</c>, or attached to after start.</param>
    /// <param name="specsPath">The spec file; launched: given to run; attached: given to attach.</param>
    /// <param name="environment">Extra variables for the target.</param>
    /// <param name="attachNow">Attached mode only: false leaves the attach to <see cref="AttachNow"/>.</param>
    public static TargetApp Start(TargetRuntime runtime, StartMode mode, string? specsPath = null, IReadOnlyDictionary<string, string>? environment = null, bool attachNow = true)
    {
        var target = Installation.Target(runtime);
        var app = mode == StartMode.Launched && specsPath is not null
            ? Launch(Installation.Diagnose, ["run", "--specs", specsPath, "--", target], environment)
            : Launch(target, [], environment);
        if (mode == StartMode.Attached && attachNow)
        {
            app.AttachNow(specsPath);
        }

        return app;
    }

    /// <summary>Runs <c>diagnose attach</c> on the target now; the outcome is in <see cref="Attach"/>.</summary>
    public ToolRun AttachNow(string? specsPath)
    {
        Attach = specsPath is null ? ToolRun.Of("attach", Pid.ToString()) : ToolRun.Of("attach", Pid.ToString(), "--specs", specsPath);
        return Attach;
    }

    public static TargetApp Launch(string program, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DIAGNOSE_LOG_LEVEL"] = "debug";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return new TargetApp(Process.Start(start)!);
    }

    /// <summary>Sends a command and returns what the target printed up to and including its result line.</summary>
    public CommandResult Send(string command)
    {
        _process.StandardInput.WriteLine(command);
        _process.StandardInput.Flush();
        var lines = new List<string>();
        while (true)
        {
            var line = NextLine(s_timeout);
            if (line.StartsWith("= ", StringComparison.Ordinal) || line.StartsWith("! ", StringComparison.Ordinal))
            {
                return new CommandResult(lines, line);
            }

            lines.Add(line);
        }
    }

    /// <summary>
    /// Like <see cref="Send"/>, but also waits for probe lines printed after the result line, until
    /// <paramref name="probeLines"/> of them were seen (async return events fire on the completing thread, which the
    /// runtime may run after waking the caller).
    /// </summary>
    public CommandResult Send(string command, int probeLines) => Send(command, probeLines, "Probe (");

    /// <summary>Like <see cref="Send(string, int)"/>, counting only the lines that start with <paramref name="prefix"/>.</summary>
    public CommandResult Send(string command, int probeLines, string prefix)
    {
        var result = Send(command);
        var lines = result.Lines.ToList();
        var deadline = DateTime.UtcNow + s_timeout;
        while (lines.Count(l => l.StartsWith(prefix, StringComparison.Ordinal)) < probeLines && DateTime.UtcNow < deadline)
        {
            if (_lines.TryTake(out var line, TimeSpan.FromMilliseconds(100)))
            {
                lines.Add(line);
            }
        }

        return new CommandResult(lines, result.Result);
    }

    /// <summary>
    /// Sends <paramref name="command"/> every 200 ms until its result satisfies <paramref name="done"/> or 30 s have passed;
    /// returns the last result. For changes that happen by themselves at a time the test does not control (a lifespan).
    /// </summary>
    public CommandResult SendUntil(string command, Func<CommandResult, bool> done)
    {
        var deadline = DateTime.UtcNow + s_timeout;
        var result = Send(command);
        while (!done(result) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(200);
            result = Send(command);
        }

        return result;
    }

    /// <summary>Ends the target with "exit code" and returns its exit code.</summary>
    public int Exit(int code = 0)
    {
        _process.StandardInput.WriteLine($"exit {code}");
        _process.StandardInput.Flush();
        if (!_process.WaitForExit(s_timeout))
        {
            throw new TimeoutException("the target did not exit");
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Lines printed after the last command's result (e.g. by background threads).</summary>
    public IReadOnlyList<string> Drain(TimeSpan wait)
    {
        var lines = new List<string>();
        while (_lines.TryTake(out var line, wait))
        {
            lines.Add(line);
        }

        return lines;
    }

    public void Dispose() => Processes.KillAndDispose(_process);

    private string NextLine(TimeSpan timeout)
    {
        if (_lines.TryTake(out var line, timeout))
        {
            return line;
        }

        throw new TimeoutException($"no output from the target within {timeout} (exited: {_process.HasExited}); stderr: {StandardError}");
    }
}
