using System.Linq.Expressions;
using Diagnose.Expressions;

namespace Diagnose.Benchmarks.Expressions;

/// <summary>A scope with one name, <c>order</c>, bound to a lambda parameter of type <see cref="Order"/>.</summary>
internal sealed class OrderScope : IExpressionScope
{
    public ParameterExpression Order { get; } = Expression.Parameter(typeof(Order), "order");

    public Expression? Resolve(string name) => name == "order" ? Order : null;
}
