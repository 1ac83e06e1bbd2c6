namespace Diagnose.Expressions;

/// <summary>
/// A node of the parsed expression. <see cref="Position"/> is the 0-based index errors about the node point at
/// (for member accesses and calls: the member's name; for operators: the operator).
/// </summary>
internal abstract record Syntax(int Position);
