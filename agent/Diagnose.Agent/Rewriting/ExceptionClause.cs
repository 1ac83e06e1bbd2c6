using System.Reflection.Metadata;

namespace Diagnose.Rewriting;

/// <summary>
/// One exception-handling clause in terms of instructions. An end of null means "the end of the code".
/// Clauses are kept in metadata order: nested (inner) clauses before the ones enclosing them.
/// </summary>
internal sealed class ExceptionClause
{
    public ExceptionRegionKind Kind { get; init; }

    public required ILInstruction TryStart { get; set; }

    public ILInstruction? TryEnd { get; set; }

    public required ILInstruction HandlerStart { get; set; }

    public ILInstruction? HandlerEnd { get; set; }

    /// <summary>Start of the filter block, for <see cref="ExceptionRegionKind.Filter"/> clauses.</summary>
    public ILInstruction? FilterStart { get; set; }

    /// <summary>TypeDef/TypeRef/TypeSpec token of the caught type, for <see cref="ExceptionRegionKind.Catch"/>.</summary>
    public int CatchTypeToken { get; init; }
}
