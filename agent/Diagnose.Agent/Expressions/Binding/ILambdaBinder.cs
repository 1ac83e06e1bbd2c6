using System.Linq.Expressions;

namespace Diagnose.Expressions;

/// <summary>Binds lambda bodies for given parameter types (cached per lambda and types by the binder).</summary>
internal interface ILambdaBinder
{
    /// <exception cref="ExpressionException">The body does not bind with these parameter types.</exception>
    LambdaExpression BindLambda(LambdaSyntax lambda, Type delegateType);

    /// <summary>The body's type for these parameter types (used to infer generic arguments and pick overloads).</summary>
    /// <exception cref="ExpressionException">The body does not bind with these parameter types.</exception>
    Type BodyType(LambdaSyntax lambda, Type[] parameterTypes);
}
