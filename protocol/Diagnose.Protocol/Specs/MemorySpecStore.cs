namespace Diagnose.Protocol.Specs;

/// <summary>Specs held in memory, changed in code (diagnose's plain <c>InstrumentManager.specs</c> dict).</summary>
internal sealed class MemorySpecStore : ISpecStore
{
    private readonly object _gate = new();
    private SpecSet _specs;

    internal MemorySpecStore(SpecSet? specs = null)
    {
        _specs = specs ?? SpecSet.Empty;
    }

    /// <inheritdoc/>
    public event EventHandler? Changed;

    /// <inheritdoc/>
    public SpecSet Load()
    {
        lock (_gate)
        {
            return _specs;
        }
    }

    /// <summary>Adds <paramref name="spec"/>, or puts it in place of the spec with its id.</summary>
    internal void Set(Spec spec) => Change(specs => specs.With(spec));

    /// <summary>Removes the spec with this id; false when there was none.</summary>
    internal bool Remove(string id) => Change(specs => specs.Without(id));

    /// <summary>Replaces all specs.</summary>
    internal void Replace(SpecSet specs)
    {
        ArgumentNullException.ThrowIfNull(specs);
        Change(_ => specs);
    }

    /// <inheritdoc/>
    public void WriteApplied(string processKey, IReadOnlyDictionary<string, AppliedEntry> entries)
    {
        var specs = Load();
        foreach (var (id, entry) in entries)
        {
            if (specs.TryGet(id, out var spec))
            {
                spec.SetApplied(processKey, entry);
            }
        }
    }

    private bool Change(Func<SpecSet, SpecSet> change)
    {
        bool changed;
        lock (_gate)
        {
            var next = change(_specs);
            changed = !ReferenceEquals(next, _specs);
            _specs = next;
        }

        if (changed)
        {
            Changed?.Invoke(this, EventArgs.Empty);
        }

        return changed;
    }
}
