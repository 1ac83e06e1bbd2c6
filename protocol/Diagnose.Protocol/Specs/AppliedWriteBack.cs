namespace Diagnose.Protocol.Specs;

/// <summary>
/// Writes processes' <c>applied</c> entries into the spec files of a <see cref="DirectorySpecStore"/>.
/// </summary>
/// <remarks>
/// Each write reads the file as it is now, sets only the given entries and replaces the file atomically
/// (indented), so edits made since the last poll and other processes' entries are kept. When the file turns out
/// to have been replaced between that reading and the write (an editor, a ConfigMap update, another sidecar), the
/// write is done again on what is there, so an edit is never lost. A file that is not JSON
/// at the moment (someone is writing it) is retried at the next flush. A file that cannot be written (a read-only
/// ConfigMap mount, no permission) is reported once, retried now and then, and never stops the specs from being
/// used.
/// </remarks>
internal sealed class AppliedWriteBack
{
    /// <summary>How long to wait before trying a file again after a write failed.</summary>
    internal static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(30);

    private readonly Dictionary<SpecFile, Pending> _pending = [];
    private const int MaxAttempts = 4;

    private readonly Func<string, byte[], byte[]> _swapFile;
    private readonly Action<string> _report;

    /// <param name="swapFile">Replaces a file's content and returns what it replaced (<see cref="AtomicFile.Swap"/>).</param>
    /// <param name="report">Where failures to write are reported.</param>
    internal AppliedWriteBack(Func<string, byte[], byte[]> swapFile, Action<string> report)
    {
        _swapFile = swapFile;
        _report = report;
    }

    /// <summary>Queues an entry for the spec <paramref name="id"/> in <paramref name="file"/>.</summary>
    internal void Add(SpecFile file, string processKey, string id, AppliedEntry entry)
    {
        if (!_pending.TryGetValue(file, out var pending))
        {
            _pending[file] = pending = new Pending();
        }

        pending.Entries[(processKey, id)] = entry;
    }

    /// <summary>Writes every file with queued entries that is due at <paramref name="now"/>.</summary>
    internal void Flush(DateTimeOffset now)
    {
        foreach (var (file, pending) in _pending.ToList())
        {
            if (pending.RetryAt <= now && TryWrite(file, pending, now))
            {
                _pending.Remove(file);
            }
        }
    }

    /// <summary>True when entries are still waiting to be written.</summary>
    internal bool HasPending => _pending.Count > 0;

    private bool TryWrite(SpecFile file, Pending pending, DateTimeOffset now)
    {
        if (SpecFile.Stat(file.Path) is not { FinalPath: var target })
        {
            return true; // the file is gone, and with it its specs
        }

        try
        {
            var seen = File.ReadAllBytes(target);
            var atPath = seen;
            for (var attempt = 0; ; attempt++)
            {
                var specs = SpecSet.Parse(seen, file.Name, out var notJson);
                if (notJson is not null)
                {
                    if (!ReferenceEquals(seen, atPath))
                    {
                        _swapFile(target, seen); // somebody is writing it by hand right now: give it back as it was
                    }

                    return false;
                }

                var changed = false;
                foreach (var ((processKey, id), entry) in pending.Entries)
                {
                    changed |= specs.TryGet(id, out var spec) && spec.SetApplied(processKey, entry);
                }

                if (!changed && ReferenceEquals(seen, atPath))
                {
                    break;
                }

                byte[] after = changed ? [.. specs.ToUtf8(indented: true), (byte)'\n'] : seen;
                var displaced = _swapFile(target, after);
                if (displaced.AsSpan().SequenceEqual(atPath))
                {
                    file.MarkWritten(seen, after);
                    break;
                }

                // Replaced by somebody else since it was read: what is there now is built on an old reading, so
                // their content goes back, with the entries set in it, before anything is lost.
                if (attempt == MaxAttempts)
                {
                    _swapFile(target, displaced);
                    return false;
                }

                seen = displaced;
                atPath = after;
            }

            if (pending.FailureReported)
            {
                _report($"'applied' is written to {file.Name} again");
            }

            return true;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            pending.RetryAt = now + RetryAfterFailure;
            if (!pending.FailureReported)
            {
                pending.FailureReported = true;
                _report($"cannot write 'applied' back to {file.Name}: {error.Message} (the specs stay in use; reported once)");
            }

            return false;
        }
    }

    private sealed class Pending
    {
        internal Dictionary<(string ProcessKey, string Id), AppliedEntry> Entries { get; } = [];

        internal DateTimeOffset RetryAt { get; set; } = DateTimeOffset.MinValue;

        internal bool FailureReported { get; set; }
    }
}
