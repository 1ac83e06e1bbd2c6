namespace Diagnose.Expressions;

/// <summary>
/// An identifier or <c>this</c>: a lambda parameter, a context name, a global, a type or the start of a
/// namespace. <see cref="TypeArguments"/> is set for a generic name such as <c>EqualityComparer&lt;int&gt;</c>.
/// </summary>
internal sealed record NameSyntax(string Name, int Position, IReadOnlyList<TypeSyntax>? TypeArguments = null)
    : Syntax(Position);
