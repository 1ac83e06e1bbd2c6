using Diagnose.Hooks;

namespace Diagnose.Guardrails;

/// <summary>
/// The bounded queue between instruments and where their lines go (the process's stdout, the channel to
/// <c>watch</c>): a line is written at once while nothing waits, else queued for one background thread, so a
/// burst never waits for a slow reader. When the queue holds <see cref="MaxLines"/> lines or <see cref="MaxChars"/> characters (about
/// 4 MB), further lines are dropped and counted on their instrument. Lines still queued when the process exits are
/// written then (for at most a second).
/// </summary>
internal sealed class OutputQueue
{
    public const int MaxLines = 8192;
    public const long MaxChars = 2_000_000;

    private readonly Queue<Line> _lines = new();
    private readonly Action<string, string, IReadOnlyList<string>, OutputKind> _write;
    private long _chars;
    private bool _writing;
    private Thread? _writer;

    /// <param name="write">Writes one line (name, value text, tags, what it is) on the writer thread; it must not throw.</param>
    public OutputQueue(Action<string, string, IReadOnlyList<string>, OutputKind> write) => _write = write;

    /// <summary>
    /// Writes a line on this thread when nothing is queued and nobody is writing (so lines keep their place among
    /// the app's own output); else queues it for the writer thread. False (counted on <paramref name="guard"/>)
    /// when the queue is full.
    /// </summary>
    public bool TryWrite(string name, string text, IReadOnlyList<string> tags, ProbeGuard? guard, OutputKind kind = OutputKind.Log)
    {
        var size = name.Length + text.Length;
        for (var i = 0; i < tags.Count; i++)
        {
            size += tags[i].Length;
        }

        lock (_lines)
        {
            if (_lines.Count == 0 && !_writing)
            {
                _writing = true;
            }
            else
            {
                if (_lines.Count >= MaxLines || _chars + size > MaxChars)
                {
                    guard?.CountDroppedOutput();
                    return false;
                }

                _lines.Enqueue(new Line(name, text, tags, size, kind));
                _chars += size;
                if (_writer is null)
                {
                    StartWriter();
                }

                Monitor.PulseAll(_lines); // the writer, and any Flush waiting on the same lock
                return true;
            }
        }

        try
        {
            _write(name, text, tags, kind);
        }
        finally
        {
            lock (_lines)
            {
                _writing = false;
                Monitor.PulseAll(_lines); // lines queued meanwhile go to the writer thread
            }
        }

        return true;
    }

    /// <summary>Waits until every queued line is written, for at most <paramref name="timeout"/>; true when it is.</summary>
    public bool Flush(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        lock (_lines)
        {
            while (_lines.Count > 0 || _writing)
            {
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || !Monitor.Wait(_lines, left))
                {
                    return _lines.Count == 0 && !_writing;
                }
            }
        }

        return true;
    }

    private void StartWriter()
    {
        _writer = new Thread(WriteLoop) { IsBackground = true, Name = "Diagnose output" };
        _writer.Start();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Flush(TimeSpan.FromSeconds(1));
    }

    private void WriteLoop()
    {
        using var agent = ReentryGuard.Agent();
        var owned = false;
        while (true)
        {
            Line line;
            lock (_lines)
            {
                if (owned)
                {
                    _writing = false;
                    Monitor.PulseAll(_lines); // a Flush may wait for the queue to empty
                }

                while (_lines.Count == 0 || _writing)
                {
                    Monitor.Wait(_lines);
                }

                line = _lines.Dequeue();
                _chars -= line.Size;
                _writing = true;
                owned = true;
            }

            try
            {
                _write(line.Name, line.Text, line.Tags, line.Kind);
            }
            catch (Exception)
            {
                // The writer thread outlives any one line.
            }
        }
    }

    private readonly record struct Line(string Name, string Text, IReadOnlyList<string> Tags, int Size, OutputKind Kind);
}

/// <summary>What an output line is: a log instrument's line or a snapshot (one JSON object).</summary>
internal enum OutputKind
{
    Log,
    Snapshot,

    /// <summary>A log line for listeners only, not the process's standard output (<c>custom.stdout: false</c>).</summary>
    ListenersOnly,
}
