namespace Diagnose.Expressions;

/// <summary><c>target.Name</c> or <c>target.Name&lt;T&gt;</c> (a generic method or type); the position is the name's.</summary>
internal sealed record MemberAccessSyntax(
    Syntax Target, string Name, int Position, IReadOnlyList<TypeSyntax>? TypeArguments = null) : Syntax(Position);

/// <summary><c>target[arguments]</c>.</summary>
internal sealed record IndexSyntax(Syntax Target, IReadOnlyList<Syntax> Arguments, int Position) : Syntax(Position);

/// <summary><c>target(arguments)</c>: a method (target is a member access), a global function or a delegate.</summary>
internal sealed record CallSyntax(Syntax Target, IReadOnlyList<Syntax> Arguments, int Position) : Syntax(Position);

/// <summary>
/// <c>target?.rest</c> or <c>target?[…]rest</c>: <see cref="WhenNotNull"/> is the rest of the access chain,
/// built on a <see cref="ConditionalReceiverSyntax"/> that stands for the (non-null) target.
/// </summary>
internal sealed record ConditionalAccessSyntax(Syntax Target, Syntax WhenNotNull, int Position) : Syntax(Position);

/// <summary>The value a <see cref="ConditionalAccessSyntax"/> tested for null.</summary>
internal sealed record ConditionalReceiverSyntax(int Position) : Syntax(Position);
