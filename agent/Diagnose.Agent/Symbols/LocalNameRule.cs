namespace Diagnose.Symbols;

/// <summary>
/// Which declaration wins when a method declares a name more than once, or a slot under more than one name.
/// <para>
/// The <c>end</c> event reads locals by source name when the method exits. A name declared in sibling scopes (the
/// <c>i</c> of two loops, each with its own slot in a debug build) reads the declaration whose scope ends last:
/// a declaration whose scope reaches the end of the body is in scope at the closing brace, which is what a user
/// means by "the value at exit"; otherwise the last one in IL order ran last under straight-line control flow.
/// Ties go to the scope that starts last (the innermost), then to the higher slot.
/// </para>
/// <para>
/// A slot reused for disjoint scopes (release builds) keeps every name mapped to it: each name the user wrote
/// resolves, all to the same slot (and the symbols say <see cref="LocalSymbol.SharesSlot"/>, since at exit the
/// slot holds the value of whichever scope ran last). The slot's own display name (<c>LocalName(slot)</c>) is
/// chosen by the same rule. The same rule picks among hoisted fields of a state machine by their MoveNext scopes.
/// </para>
/// </summary>
internal static class LocalNameRule
{
    /// <summary>Positive when <paramref name="a"/> is preferred over <paramref name="b"/>.</summary>
    public static int Compare(LocalSymbol a, LocalSymbol b) => Compare(a.ScopeEnd, a.ScopeStart, a.Slot, b.ScopeEnd, b.ScopeStart, b.Slot);

    public static int Compare(HoistedLocal a, HoistedLocal b) =>
        Compare(a.ScopeEnd ?? -1, a.ScopeStart ?? -1, a.Slot, b.ScopeEnd ?? -1, b.ScopeStart ?? -1, b.Slot);

    /// <summary>The preferred declaration of each visible name.</summary>
    public static Dictionary<string, LocalSymbol> ByName(IEnumerable<LocalSymbol> locals) =>
        Preferred(locals.Where(l => !l.IsHidden), l => l.Name, Compare, StringComparer.Ordinal);

    /// <summary>The preferred visible declaration of each slot.</summary>
    public static Dictionary<int, LocalSymbol> BySlot(IEnumerable<LocalSymbol> locals) =>
        Preferred(locals.Where(l => !l.IsHidden), l => l.Slot, Compare, EqualityComparer<int>.Default);

    public static Dictionary<string, HoistedLocal> ByName(IEnumerable<HoistedLocal> locals) =>
        Preferred(locals, l => l.Name, Compare, StringComparer.Ordinal);

    private static Dictionary<TKey, T> Preferred<T, TKey>(IEnumerable<T> items, Func<T, TKey> key, Func<T, T, int> compare, IEqualityComparer<TKey> comparer)
        where TKey : notnull
    {
        var best = new Dictionary<TKey, T>(comparer);
        foreach (var item in items)
        {
            var k = key(item);
            if (!best.TryGetValue(k, out var current) || compare(item, current) > 0)
            {
                best[k] = item;
            }
        }

        return best;
    }

    private static int Compare(int endA, int startA, int slotA, int endB, int startB, int slotB) =>
        endA != endB ? endA.CompareTo(endB) : startA != startB ? startA.CompareTo(startB) : slotA.CompareTo(slotB);
}
