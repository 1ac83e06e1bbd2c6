namespace Diagnose.Expressions;

/// <summary>A syntactically valid expression, ready to be bound against any scope.</summary>
internal sealed class ParsedExpression
{
    internal ParsedExpression(string source, Syntax root)
    {
        Source = source;
        Root = root;
        FreeNames = Expressions.FreeNames.Of(root);
    }

    public string Source { get; }

    /// <summary>
    /// Identifiers that may refer to context names (not member names after '.', not lambda parameters), so that a
    /// probe site captures only the values an expression can use. Includes names that turn out to be globals or types.
    /// </summary>
    public IReadOnlySet<string> FreeNames { get; }

    internal Syntax Root { get; }

    /// <summary>
    /// Set when the expression reads this sensitive name: an exception it throws is reported without its message,
    /// which could quote the value (see <see cref="Redaction.ExpressionRedaction"/>).
    /// </summary>
    internal string? ErrorsRedactedFor { get; init; }

    public override string ToString() => Source;
}
