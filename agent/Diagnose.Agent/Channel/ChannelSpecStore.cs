using Diagnose.Protocol.Specs;

namespace Diagnose.Channel;

/// <summary>
/// The specs sent through the channel: in memory, changed only by commands, which apply right away (so the store
/// raises no <see cref="Changed"/>). Every <c>applied</c> entry written is also reported to <see cref="Applied"/>.
/// </summary>
internal sealed class ChannelSpecStore : ISpecStore
{
    private readonly object _gate = new();
    private SpecSet _specs = SpecSet.Empty;

    /// <summary>Never raised: commands apply themselves.</summary>
    public event EventHandler? Changed
    {
        add { }
        remove { }
    }

    /// <summary>Raised with each spec whose entry for this process was written (on the writer's thread).</summary>
    public event Action<Spec, AppliedEntry>? Applied;

    public SpecSet Load()
    {
        lock (_gate)
        {
            return _specs;
        }
    }

    /// <summary>Adds the specs, or puts each in place of the spec with its id.</summary>
    public void Set(IEnumerable<Spec> specs)
    {
        lock (_gate)
        {
            foreach (var spec in specs)
            {
                _specs = _specs.With(spec);
            }
        }
    }

    /// <summary>Removes the spec; false when there was none.</summary>
    public bool Remove(string id)
    {
        lock (_gate)
        {
            var before = _specs;
            _specs = _specs.Without(id);
            return !ReferenceEquals(before, _specs);
        }
    }

    /// <summary>The manager tags the last replace brought (a sidecar's settings.json), or null.</summary>
    public IReadOnlyList<string>? SentTags { get; private set; }

    /// <summary>Makes the specs the whole set, and <paramref name="tags"/> the tags sent with them.</summary>
    public void Replace(IEnumerable<Spec> specs, IReadOnlyList<string>? tags = null)
    {
        lock (_gate)
        {
            SentTags = tags;
            _specs = SpecSet.Empty;
            foreach (var spec in specs)
            {
                _specs = _specs.With(spec);
            }
        }
    }

    public void WriteApplied(string processKey, IReadOnlyDictionary<string, AppliedEntry> entries)
    {
        var specs = Load();
        foreach (var (id, entry) in entries)
        {
            if (specs.TryGet(id, out var spec))
            {
                spec.SetApplied(processKey, entry);
                Applied?.Invoke(spec, entry);
            }
        }
    }
}
