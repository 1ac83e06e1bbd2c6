namespace Diagnose.Protocol.Specs;

/// <summary>
/// Specs in a JSON file, or in a directory of <c>*.json</c> files (each an object of id → spec), e.g. a mounted
/// Kubernetes ConfigMap.
/// </summary>
/// <remarks>
/// <para>Files are read through symlinks (a ConfigMap's keys are links into <c>..data/</c>, which the kubelet swaps
/// atomically); hidden entries (<c>.*</c>, which covers <c>..data</c> and <c>..2026_…</c>), subdirectories and
/// <c>redaction.json</c> (see <see cref="RedactionFile"/>) are ignored. Files are taken in ordinal order of their names; an id in two files is used from the first and
/// reported.</para>
/// <para>Every <see cref="Load"/> polls (see <see cref="SpecFile"/> for how cheaply, and how half-written files
/// are waited out); <see cref="StartPolling"/> does so on a timer and raises <see cref="Changed"/>. Time comes from
/// the given <see cref="TimeProvider"/>.</para>
/// <para><c>applied</c> entries are written back into the file that holds each spec (see
/// <see cref="AppliedWriteBack"/>); read-only mounts fail soft.</para>
/// </remarks>
internal sealed class DirectorySpecStore : ISpecStore, IDisposable
{
    /// <summary>How often <see cref="StartPolling"/> looks, unless told otherwise: a change is seen within a second.</summary>
    internal static readonly TimeSpan DefaultPollInterval = TimeSpan.FromMilliseconds(500);

    private static readonly EnumerationOptions JsonFiles = new()
    {
        MatchCasing = MatchCasing.CaseInsensitive,
        RecurseSubdirectories = false,
        IgnoreInaccessible = true,
        AttributesToSkip = FileAttributes.None,
        ReturnSpecialDirectories = false,
    };

    private readonly object _gate = new();
    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly Action<string> _report;
    private readonly SortedDictionary<string, SpecFile> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SpecFile> _owners = new(StringComparer.Ordinal);
    private readonly AppliedWriteBack _writeBack;
    private SpecSet _specs = SpecSet.Empty;
    private string? _pathError;
    private ITimer? _timer;
    private bool _disposed;

    /// <param name="path">A JSON file, or a directory of them.</param>
    /// <param name="report">Where the store reports what it cannot do (write-back failures, polling errors).</param>
    /// <param name="time">The clock; the system's when null.</param>
    /// <param name="swapFile">How a file is replaced on write-back, returning what it replaced; <see cref="AtomicFile.Swap"/> when null.</param>
    internal DirectorySpecStore(string path, Action<string> report, TimeProvider? time = null, Func<string, byte[], byte[]>? swapFile = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(report);
        _path = Path.GetFullPath(path);
        _report = report;
        _time = time ?? TimeProvider.System;
        _writeBack = new AppliedWriteBack(swapFile ?? AtomicFile.Swap, report);
    }

    /// <inheritdoc/>
    public event EventHandler? Changed;

    /// <summary>How long doubtful content (not JSON, empty, gone) must stay the same before it counts.</summary>
    internal TimeSpan SettleTime { get; init; } = TimeSpan.FromSeconds(2);

    /// <inheritdoc/>
    public SpecSet Load()
    {
        bool changed;
        SpecSet specs;
        lock (_gate)
        {
            changed = Refresh();
            _writeBack.Flush(_time.GetUtcNow());
            specs = _specs;
        }

        if (changed)
        {
            Changed?.Invoke(this, EventArgs.Empty);
        }

        return specs;
    }

    /// <inheritdoc/>
    public void WriteApplied(string processKey, IReadOnlyDictionary<string, AppliedEntry> entries)
    {
        ArgumentException.ThrowIfNullOrEmpty(processKey);
        ArgumentNullException.ThrowIfNull(entries);
        lock (_gate)
        {
            foreach (var (id, entry) in entries)
            {
                if (_specs.TryGet(id, out var spec) && _owners.TryGetValue(id, out var file))
                {
                    spec.SetApplied(processKey, entry);
                    _writeBack.Add(file, processKey, id, entry);
                }
            }

            _writeBack.Flush(_time.GetUtcNow());
        }
    }

    /// <summary>Polls every <paramref name="interval"/> (<see cref="DefaultPollInterval"/> when null) until disposed.</summary>
    internal void StartPolling(TimeSpan? interval = null)
    {
        var period = interval ?? DefaultPollInterval;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_timer is not null)
            {
                throw new InvalidOperationException("the store is polling already");
            }

            _timer = _time.CreateTimer(_ => Poll(), null, period, period);
        }
    }

    /// <summary>Stops polling.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _timer?.Dispose();
            _timer = null;
        }
    }

    /// <summary>A timer tick: the one place where a failure of the store is caught, reported, and survived.</summary>
    private void Poll()
    {
        try
        {
            Load();
        }
        catch (Exception error)
        {
            _report($"polling the specs at {_path} failed: {error.Message}");
        }
    }

    /// <summary>Brings the files up to date; true when the spec set changed.</summary>
    private bool Refresh()
    {
        var now = _time.GetUtcNow();
        var (listed, pathError) = List();
        var changed = false;
        foreach (var path in listed)
        {
            if (!_files.ContainsKey(path))
            {
                _files.Add(path, new SpecFile(path));
            }
        }

        foreach (var (path, file) in _files.ToList())
        {
            changed |= file.Refresh(now, SettleTime);
            if (file.IsGone && !listed.Contains(path))
            {
                _files.Remove(path);
            }
        }

        // A single file that is briefly gone (deleted and written again) keeps its specs until it settles.
        pathError = _files.Count == 0 ? pathError : null;
        changed |= pathError != _pathError;
        _pathError = pathError;
        if (changed)
        {
            _specs = Combine();
        }

        return changed;
    }

    /// <summary>The files to read: the one file, or the directory's visible <c>*.json</c> files.</summary>
    private (HashSet<string> Files, string? Error) List()
    {
        if (Directory.Exists(_path))
        {
            try
            {
                var files = Directory.EnumerateFileSystemEntries(_path, "*.json", JsonFiles)
                    .Where(file => !Path.GetFileName(file).StartsWith('.') && !SideFiles.Is(file) && !Directory.Exists(file));
                return (files.ToHashSet(StringComparer.Ordinal), null);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                return ([], $"cannot list the specs directory {_path}: {error.Message}");
            }
        }

        return File.Exists(_path) ? ([_path], null) : ([], $"the specs path {_path} does not exist");
    }

    private SpecSet Combine()
    {
        _owners.Clear();
        var specs = new List<Spec>();
        var errors = new List<string>();
        if (_pathError is not null)
        {
            errors.Add(_pathError);
        }

        foreach (var file in _files.Values)
        {
            if (file.Error is not null)
            {
                errors.Add(file.Error);
            }

            if (file.Specs is null)
            {
                continue;
            }

            errors.AddRange(file.Specs.DocumentErrors);
            foreach (var spec in file.Specs)
            {
                if (_owners.TryGetValue(spec.Id, out var first))
                {
                    errors.Add($"spec '{spec.Id}' is in both {first.Name} and {file.Name}; the one in {first.Name} is used");
                    continue;
                }

                _owners.Add(spec.Id, file);
                specs.Add(spec);
            }
        }

        return new SpecSet(specs, errors);
    }
}
