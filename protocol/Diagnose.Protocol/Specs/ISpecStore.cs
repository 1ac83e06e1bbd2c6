namespace Diagnose.Protocol.Specs;

/// <summary>
/// Where a manager finds the desired specs and records what each process made of them (<c>applied</c>).
/// </summary>
internal interface ISpecStore
{
    /// <summary>
    /// Raised, on any thread, after the specs changed; a manager then calls <see cref="Load"/> and applies.
    /// </summary>
    event EventHandler? Changed;

    /// <summary>
    /// Looks at the backing storage and returns the current specs: the same instance for as long as they have not
    /// changed, so a caller can tell a change by reference. Never throws for bad content: problems are in
    /// <see cref="SpecSet.Errors"/>.
    /// </summary>
    SpecSet Load();

    /// <summary>
    /// Records the entries (spec id → entry) of the process <paramref name="processKey"/> in the loaded specs and
    /// persists them where the store can. Ids the store does not have are ignored. Never throws for storage that
    /// cannot be written (e.g. a read-only mount): that is reported by the store and the specs stay in use.
    /// </summary>
    void WriteApplied(string processKey, IReadOnlyDictionary<string, AppliedEntry> entries);
}
