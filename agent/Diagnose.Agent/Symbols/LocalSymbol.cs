namespace Diagnose.Symbols;

/// <summary>
/// One name of a local variable slot, as one scope of the portable PDB declares it. A slot can have several
/// <see cref="LocalSymbol"/>s: release builds reuse a slot for locals of disjoint scopes, and the same name can be
/// declared in sibling scopes (two loops' <c>i</c>) with different slots.
/// </summary>
/// <param name="Slot">Index in the method's local signature (the operand of <c>ldloc</c>/<c>stloc</c>).</param>
/// <param name="Name">The source name, or <c>local{Slot}</c> when the method has no symbols.</param>
/// <param name="IsHidden">
/// Not a user's variable: the PDB marks it <c>DebuggerHidden</c>, or its name is compiler-generated (not a C#
/// identifier, e.g. <c>CS$&lt;&gt;8__locals0</c>). Hidden locals are never offered by name.
/// </param>
/// <param name="ScopeStart">IL offset where the declaring scope begins (inclusive).</param>
/// <param name="ScopeEnd">IL offset where the declaring scope ends (exclusive); the body length for the outermost scope.</param>
/// <param name="SharesSlot">
/// Another name of this method uses the same slot. Its value at method exit is whatever the scope that ran last
/// stored, which may belong to the other name.
/// </param>
internal sealed record LocalSymbol(int Slot, string Name, bool IsHidden, int ScopeStart, int ScopeEnd, bool SharesSlot)
{
    /// <summary>The name used for a slot that has no source name: <c>local0</c>, <c>local1</c> ….</summary>
    public static string FallbackName(int slot) => "local" + slot.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
