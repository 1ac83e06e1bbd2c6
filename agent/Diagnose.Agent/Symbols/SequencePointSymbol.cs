namespace Diagnose.Symbols;

/// <summary>
/// A sequence point: from <paramref name="ILOffset"/> up to the next point's offset, the method executes the
/// source span given here. Lines and columns are 1-based as in the PDB.
/// </summary>
/// <param name="ILOffset">Offset of the first IL instruction of the span.</param>
/// <param name="DocumentPath">The document as the PDB names it (usually the full path at build time).</param>
/// <param name="StartLine">First line of the span (1-based).</param>
/// <param name="StartColumn">First column of the span (1-based).</param>
/// <param name="EndLine">Last line of the span.</param>
/// <param name="EndColumn">Column just after the span on <paramref name="EndLine"/>.</param>
/// <param name="IsHidden">
/// Compiler-generated code with no source line (the PDB stores line 0xFEEFEE); lines and columns are then 0.
/// </param>
internal sealed record SequencePointSymbol(
    int ILOffset,
    string? DocumentPath,
    int StartLine,
    int StartColumn,
    int EndLine,
    int EndColumn,
    bool IsHidden)
{
    /// <summary>The line number the PDB stores for hidden sequence points.</summary>
    public const int HiddenLine = 0xFEEFEE;
}
