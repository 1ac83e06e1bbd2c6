using System.Linq.Expressions;

namespace Diagnose.Expressions;

/// <summary>The lambda parameters in scope, innermost first; each lambda body binds in a new scope object.</summary>
internal sealed class LambdaScope(IReadOnlyList<ParameterExpression> parameters, LambdaScope? outer)
{
    private readonly IReadOnlyList<ParameterExpression> parameters = parameters;

    public LambdaScope? Outer { get; } = outer;

    /// <summary>Every parameter's name, innermost lambda first.</summary>
    public IEnumerable<string> Names => parameters.Select(p => p.Name!).Concat(Outer?.Names ?? []);

    public ParameterExpression? Find(string name)
    {
        for (var scope = this; scope is not null; scope = scope.Outer)
        {
            foreach (var parameter in scope.parameters)
            {
                if (parameter.Name == name)
                {
                    return parameter;
                }
            }
        }

        return null;
    }
}
