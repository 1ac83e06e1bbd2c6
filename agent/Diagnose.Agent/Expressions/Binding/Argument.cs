using System.Linq.Expressions;
using System.Reflection;

namespace Diagnose.Expressions;

/// <summary>
/// A call argument: a bound <see cref="Value"/>, or a <see cref="Lambda"/> that is bound only once overload
/// resolution knows its delegate type.
/// </summary>
internal sealed record Argument(Expression? Value, LambdaSyntax? Lambda, int Position)
{
    public static Argument Of(Expression value, int position = 0) => new(value, null, position);
}

/// <summary>Binds lambda bodies for given parameter types (cached per lambda and types by the binder).</summary>
internal interface ILambdaBinder
{
    /// <exception cref="ExpressionException">The body does not bind with these parameter types.</exception>
    LambdaExpression BindLambda(LambdaSyntax lambda, Type delegateType);

    /// <summary>The body's type for these parameter types (used to infer generic arguments and pick overloads).</summary>
    /// <exception cref="ExpressionException">The body does not bind with these parameter types.</exception>
    Type BodyType(LambdaSyntax lambda, Type[] parameterTypes);
}

/// <summary>The chosen overload and its final arguments (converted, params array built, defaults filled in).</summary>
internal sealed record Resolution(MethodBase Method, IReadOnlyList<Expression> Arguments);
