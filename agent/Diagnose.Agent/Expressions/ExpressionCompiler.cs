using System.Linq.Expressions;

namespace Diagnose.Expressions;

/// <summary>
/// The expression language: <see cref="Parse"/> checks syntax, <see cref="Bind"/> gives a typed LINQ expression
/// tree over the scope's expressions, which the caller wraps in a lambda and compiles once per probe site.
/// </summary>
internal static class ExpressionCompiler
{
    /// <exception cref="ExpressionException">A syntax error, with its position.</exception>
    public static ParsedExpression Parse(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new ParsedExpression(source, Parser.ParseWhole(source, 0, source.Length));
    }

    /// <summary>
    /// The expression's tree, of its natural static type (an <c>int</c> expression is not boxed). Members the static
    /// types lack are looked up at run time on <c>object</c> and interface receivers.
    /// </summary>
    /// <exception cref="ExpressionException">A binding error (unknown name or member, type error, a call not allowed).</exception>
    public static Expression Bind(ParsedExpression parsed, IExpressionScope scope, ExpressionOptions options)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(options);
        var tree = new Binder(parsed.Source, scope, options).BindRoot(parsed.Root);
        return parsed.ErrorsRedactedFor is { } name ? Redaction.ExpressionRedaction.WithoutErrorMessages(tree, name) : tree;
    }
}
