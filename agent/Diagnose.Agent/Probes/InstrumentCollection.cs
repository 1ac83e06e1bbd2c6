using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Diagnose;

/// <summary>A probe's instruments by name. Changing it while the probe runs re-instruments the method at once.</summary>
internal sealed class InstrumentCollection : IDictionary<string, Instrument>
{
    private readonly Dictionary<string, Instrument> _items = new();
    private readonly Action _changed;

    public InstrumentCollection(Action changed) => _changed = changed;

    public int Count
    {
        get
        {
            lock (_items)
            {
                return _items.Count;
            }
        }
    }

    public bool IsReadOnly => false;

    public ICollection<string> Keys => Snapshot().Select(p => p.Key).ToList();

    public ICollection<Instrument> Values => Snapshot().Select(p => p.Value).ToList();

    public Instrument this[string key]
    {
        get
        {
            lock (_items)
            {
                return _items[key];
            }
        }

        set
        {
            ArgumentNullException.ThrowIfNull(value);
            lock (_items)
            {
                _items[key] = value;
            }

            _changed();
        }
    }

    public void Add(string key, Instrument value) => this[key] = _items.ContainsKey(key) ? throw new ArgumentException($"an instrument named '{key}' is already there", nameof(key)) : value;

    public void Add(KeyValuePair<string, Instrument> item) => Add(item.Key, item.Value);

    public bool Remove(string key)
    {
        bool removed;
        lock (_items)
        {
            removed = _items.Remove(key);
        }

        if (removed)
        {
            _changed();
        }

        return removed;
    }

    public bool Remove(KeyValuePair<string, Instrument> item) => Contains(item) && Remove(item.Key);

    public void Clear()
    {
        lock (_items)
        {
            _items.Clear();
        }

        _changed();
    }

    public bool ContainsKey(string key)
    {
        lock (_items)
        {
            return _items.ContainsKey(key);
        }
    }

    public bool Contains(KeyValuePair<string, Instrument> item)
    {
        lock (_items)
        {
            return _items.TryGetValue(item.Key, out var value) && ReferenceEquals(value, item.Value);
        }
    }

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out Instrument value)
    {
        lock (_items)
        {
            return _items.TryGetValue(key, out value);
        }
    }

    public void CopyTo(KeyValuePair<string, Instrument>[] array, int arrayIndex) => Snapshot().CopyTo(array, arrayIndex);

    public IEnumerator<KeyValuePair<string, Instrument>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, Instrument>>)Snapshot()).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Removes the instruments whose time is up; true when any was.</summary>
    internal bool RemoveExpired(DateTimeOffset now)
    {
        lock (_items)
        {
            var expired = _items.Where(p => p.Value.Expires <= now).Select(p => p.Key).ToList();
            expired.ForEach(k => _items.Remove(k));
            return expired.Count > 0;
        }
    }

    internal KeyValuePair<string, Instrument>[] Snapshot()
    {
        lock (_items)
        {
            return _items.ToArray();
        }
    }
}
