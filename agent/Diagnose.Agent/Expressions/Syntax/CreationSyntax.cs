namespace Diagnose.Expressions;

/// <summary><c>new { a = x, y.B }</c>; a member without a name takes the last name of its expression.</summary>
internal sealed record AnonymousObjectSyntax(IReadOnlyList<AnonymousMemberSyntax> Members, int Position)
    : Syntax(Position);

internal sealed record AnonymousMemberSyntax(string Name, Syntax Value, int Position);

/// <summary>
/// <c>new[] { … }</c> (no <see cref="ElementType"/>), <c>new T[] { … }</c> or <c>new T[n]</c>
/// (<see cref="Lengths"/> set, no <see cref="Elements"/>).
/// </summary>
internal sealed record ArrayCreationSyntax(
    TypeSyntax? ElementType, IReadOnlyList<Syntax>? Lengths, IReadOnlyList<Syntax>? Elements, int Position)
    : Syntax(Position);

/// <summary><c>new T(arguments) { initializers }</c>.</summary>
internal sealed record ObjectCreationSyntax(
    TypeSyntax Type, IReadOnlyList<Syntax> Arguments, IReadOnlyList<InitializerSyntax>? Initializers, int Position)
    : Syntax(Position);

/// <summary>
/// One initializer: <c>Member = value</c> (an object initializer, <see cref="Member"/> set) or a collection element
/// <c>value</c> / <c>{ key, value }</c> (<see cref="Values"/> holds the Add arguments).
/// </summary>
internal sealed record InitializerSyntax(string? Member, IReadOnlyList<Syntax> Values, int Position);
