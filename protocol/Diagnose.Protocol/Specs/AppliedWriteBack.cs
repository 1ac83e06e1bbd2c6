namespace Diagnose.Protocol.Specs;

/// <summary>
/// Writes processes' <c>applied</c> entries into the spec files of a <see cref="DirectorySpecStore"/>.
/// </summary>
/// <remarks>
/// Each write reads the file as it is now, sets only the given entries and replaces the file atomically
/// (indented), so edits made since the last poll and other processes' entries are kept. A file that is not JSON
/// at the moment (someone is writing it) is retried at the next flush. A file that cannot be written (a read-only
/// ConfigMap mount, no permission) is reported once, retried now and then, and never stops the specs from being
/// used.
/// </remarks>
internal sealed class AppliedWriteBack
{
    /// <summary>How long to wait before trying a file again after a write failed.</summary>
    internal static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(30);

    private readonly Dictionary<SpecFile, Pending> _pending = [];
    private readonly Action<string, byte[]> _replaceFile;
    private readonly Action<string> _report;

    internal AppliedWriteBack(Action<string, byte[]> replaceFile, Action<string> report)
    {
        _replaceFile = replaceFile;
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
            var before = File.ReadAllBytes(target);
            var specs = SpecSet.Parse(before, file.Name, out var notJson);
            if (notJson is not null)
            {
                return false;
            }

            var changed = false;
            foreach (var ((processKey, id), entry) in pending.Entries)
            {
                changed |= specs.TryGet(id, out var spec) && spec.SetApplied(processKey, entry);
            }

            if (changed)
            {
                byte[] after = [.. specs.ToUtf8(indented: true), (byte)'\n'];
                _replaceFile(target, after);
                file.MarkWritten(before, after);
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
