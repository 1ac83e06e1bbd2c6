using System.Linq.Expressions;

namespace Diagnose.Expressions;

/// <summary>The context names an expression can use at one probe site ("result", "order", "this", "elapsed"…).</summary>
internal interface IExpressionScope
{
    /// <summary>
    /// The expression for a context name, or null when the name is unknown. May throw
    /// <see cref="ExpressionException"/> itself (e.g. "'elapsed' is not available in a call instrument").
    /// Called at most once per name and bind, and only for names the expression actually uses.
    /// </summary>
    Expression? Resolve(string name);

    /// <summary>The context names there are, in the order a user looks for them, for "unknown name" errors.</summary>
    IEnumerable<string> Names => [];

    /// <summary>Why <paramref name="name"/>, which the scope does not have, may be missing (e.g. a local a Release build dropped), or null.</summary>
    string? WhyMissing(string name) => null;
}
