namespace Diagnose.Expressions;

/// <summary>A prefix or postfix operator; the position is the operator's.</summary>
internal sealed record UnarySyntax(UnaryOperator Operator, Syntax Operand, int Position) : Syntax(Position);

internal enum UnaryOperator
{
    Plus,
    Negate,
    Not,
    Complement,
    PreIncrement,
    PreDecrement,
    PostIncrement,
    PostDecrement,
}

/// <summary>A binary operator including <c>&amp;&amp;</c>, <c>||</c> and <c>??</c>; the position is the operator's.</summary>
internal sealed record BinarySyntax(BinaryOperator Operator, Syntax Left, Syntax Right, int Position)
    : Syntax(Position);

internal enum BinaryOperator
{
    Multiply,
    Divide,
    Modulo,
    Add,
    Subtract,
    LeftShift,
    RightShift,
    LessThan,
    GreaterThan,
    LessThanOrEqual,
    GreaterThanOrEqual,
    Equal,
    NotEqual,
    And,
    ExclusiveOr,
    Or,
    AndAlso,
    OrElse,
    Coalesce,
}

/// <summary><c>condition ? whenTrue : whenFalse</c>.</summary>
internal sealed record ConditionalSyntax(Syntax Condition, Syntax WhenTrue, Syntax WhenFalse, int Position)
    : Syntax(Position);

/// <summary><c>target = value</c>, or a compound assignment such as <c>+=</c> (<see cref="Operator"/> set).</summary>
internal sealed record AssignmentSyntax(BinaryOperator? Operator, Syntax Target, Syntax Value, int Position)
    : Syntax(Position);
