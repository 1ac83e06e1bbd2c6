using System.Linq.Expressions;

namespace Diagnose.Expressions;

/// <summary>
/// A call argument: a bound <see cref="Value"/>, or a <see cref="Lambda"/> that is bound only once overload
/// resolution knows its delegate type.
/// </summary>
internal sealed record Argument(Expression? Value, LambdaSyntax? Lambda, int Position)
{
    public static Argument Of(Expression value, int position = 0) => new(value, null, position);
}
