namespace Diagnose.Rewriting;

/// <summary>A method body decoded into instructions and clauses (ECMA-335 II.25.4), ready to change and encode.</summary>
internal sealed class ILBody
{
    public List<ILInstruction> Instructions { get; } = new();

    public List<ExceptionClause> Clauses { get; } = new();

    public int MaxStack { get; set; }

    /// <summary>StandAloneSig token of the locals, 0 when the method has none.</summary>
    public int LocalSignatureToken { get; set; }

    public bool InitLocals { get; set; }
}
