using System.Reflection;

namespace Diagnose.Symbols;

/// <summary>
/// A user's local variable of an async method or iterator that the compiler moved into a field of the state machine
/// (C# names such a field <c>&lt;name&gt;5__N</c>, N being the hoisted slot + 1). Reading the field of the state
/// machine instance gives the local's current value.
/// </summary>
/// <param name="Name">The local's source name.</param>
/// <param name="Slot">The hoisted slot: index into the PDB's <c>StateMachineHoistedLocalScopes</c> of MoveNext.</param>
/// <param name="Field">The state machine's field holding the value.</param>
/// <param name="ScopeStart">
/// IL offset in MoveNext where the local's scope begins, or null when the PDB does not say (no symbols).
/// </param>
/// <param name="ScopeEnd">IL offset in MoveNext where the scope ends (exclusive), or null.</param>
internal sealed record HoistedLocal(string Name, int Slot, FieldInfo Field, int? ScopeStart, int? ScopeEnd)
{
    public string FieldName => Field.Name;
}
