using System.Security.Cryptography;

namespace Diagnose.Protocol.Specs;

/// <summary>
/// One JSON file of a <see cref="DirectorySpecStore"/>: what it last contributed and how to tell that it changed.
/// </summary>
/// <remarks>
/// Change detection is cheap: the file (through any symlinks: a Kubernetes ConfigMap swaps its <c>..data</c> link)
/// is stat'ed, and read and hashed only when its final path, size or modification time moved, or when that time is
/// so recent that a second write in the same clock tick could hide behind it. Content that may be half-written
/// (not JSON, empty, or the file gone for a moment) does not replace the last good content at once: only once it
/// has stayed the same for <c>settle</c> does it count: invalid JSON is then reported (the last good specs stay in
/// use), an empty file means no specs, a gone file is dropped.
/// </remarks>
internal sealed class SpecFile
{
    /// <summary>A stat result younger than this may hide a later write with the same time stamp.</summary>
    private static readonly TimeSpan RacyAge = TimeSpan.FromSeconds(2);

    private Fingerprint? _fingerprint;
    private bool _mustRead = true;
    private bool _seen;
    private byte[]? _hash;
    private byte[]? _goodHash;
    private Unsettled? _unsettled;

    internal SpecFile(string path)
    {
        Path = path;
        Name = System.IO.Path.GetFileName(path);
    }

    /// <summary>The file as listed (maybe a symlink).</summary>
    internal string Path { get; }

    /// <summary>The file's name, as errors show it.</summary>
    internal string Name { get; }

    /// <summary>The last good specs of the file, or null when it never had any.</summary>
    internal SpecSet? Specs { get; private set; }

    /// <summary>A parse error that persisted, or null.</summary>
    internal string? Error { get; private set; }

    /// <summary>True when the file has been gone for longer than the settle time.</summary>
    internal bool IsGone { get; private set; }

    /// <summary>Looks at the file; true when <see cref="Specs"/> or <see cref="Error"/> changed.</summary>
    internal bool Refresh(DateTimeOffset now, TimeSpan settle)
    {
        var (specs, error) = (Specs, Error);
        Observe(now);
        Settle(now, settle);
        return !ReferenceEquals(specs, Specs) || error != Error;
    }

    /// <summary>
    /// After the store wrote <paramref name="written"/> over <paramref name="replaced"/>: when the replaced content
    /// was what this file last read, the new content is known already and is not read again as a change.
    /// </summary>
    internal void MarkWritten(byte[] replaced, byte[] written)
    {
        var before = SHA256.HashData(replaced);
        if (Specs is not null && SameHash(before, _goodHash) && SameHash(before, _hash))
        {
            _hash = _goodHash = SHA256.HashData(written);
            _fingerprint = Stat(Path);
            _mustRead = true;
        }
    }

    /// <summary>The final target of <paramref name="path"/>, its size and modification time; null when it is no file.</summary>
    internal static Fingerprint? Stat(string path)
    {
        try
        {
            var listed = new FileInfo(path);
            var target = listed.LinkTarget is null ? listed : listed.ResolveLinkTarget(returnFinalTarget: true) as FileInfo;
            if (target is null || !target.Exists)
            {
                return null;
            }

            return new Fingerprint(target.FullName, target.Length, target.LastWriteTimeUtc);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private void Observe(DateTimeOffset now)
    {
        var fingerprint = Stat(Path);
        if (fingerprint == _fingerprint && !_mustRead)
        {
            return;
        }

        byte[]? content = null;
        if (fingerprint is not null)
        {
            try
            {
                content = File.ReadAllBytes(fingerprint.Value.FinalPath);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                fingerprint = null;
            }
        }

        _fingerprint = fingerprint;
        _mustRead = fingerprint is { } stat && DateTime.UtcNow - stat.LastWriteUtc < RacyAge;
        var hash = content is null ? null : SHA256.HashData(content);
        if (_seen && SameHash(hash, _hash))
        {
            return;
        }

        _seen = true;
        _hash = hash;
        Take(content, hash, now);
    }

    private void Take(byte[]? content, byte[]? hash, DateTimeOffset now)
    {
        if (Specs is not null && SameHash(hash, _goodHash))
        {
            // Back to the content in use (e.g. truncated and written again): nothing to replace.
            _unsettled = null;
            Error = null;
            IsGone = false;
            return;
        }

        if (content is null)
        {
            Unsettle(new Unsettled(now, Kind.Missing, null));
            return;
        }

        if (content.AsSpan().Trim("\r\n\t \uFEFF"u8).IsEmpty)
        {
            Unsettle(new Unsettled(now, Kind.Empty, null));
            return;
        }

        var set = SpecSet.Parse(content, Name, out var notJson);
        if (notJson is not null)
        {
            Unsettle(new Unsettled(now, Kind.NotJson, notJson));
            return;
        }

        _unsettled = null;
        Specs = set;
        _goodHash = hash;
        Error = null;
        IsGone = false;
    }

    /// <summary>New doubtful content starts its own wait; an error about earlier content no longer applies.</summary>
    private void Unsettle(Unsettled unsettled)
    {
        _unsettled = unsettled;
        Error = null;
    }

    private static bool SameHash(byte[]? a, byte[]? b)
    {
        return a is null ? b is null : b is not null && a.AsSpan().SequenceEqual(b);
    }

    private void Settle(DateTimeOffset now, TimeSpan settle)
    {
        if (_unsettled is not { } doubt || now - doubt.Since < settle)
        {
            return;
        }

        _unsettled = null;
        switch (doubt.What)
        {
            case Kind.Missing:
                Specs = null;
                _goodHash = null;
                IsGone = true;
                break;
            case Kind.Empty:
                Specs = SpecSet.Empty;
                _goodHash = _hash;
                break;
            default:
                Error = doubt.Message;
                break;
        }
    }

    internal readonly record struct Fingerprint(string FinalPath, long Length, DateTime LastWriteUtc);

    private enum Kind
    {
        Missing = 1,
        Empty = 2,
        NotJson = 3,
    }

    private readonly record struct Unsettled(DateTimeOffset Since, Kind What, string? Message);
}
