namespace Diagnose.Expressions;

/// <summary>
/// An expression that cannot be parsed, bound or (for late-bound members) evaluated. The message reads
/// <c>&lt;reason&gt; at &lt;position&gt; in "&lt;source&gt;"</c>, then <c>; &lt;detail&gt;</c> when there is one; the
/// position is a 0-based character index.
/// </summary>
internal sealed class ExpressionException : Exception
{
    public ExpressionException(string reason, int position, string source, Exception? inner = null)
        : this(reason, position, source, null, inner)
    {
    }

    /// <summary>An error with a <c>detail</c> after the position: what helps the user on (e.g. the names there are).</summary>
    public ExpressionException(string reason, int position, string source, string? detail, Exception? inner = null)
        : base(Format(reason, position, source) + (detail is null ? "" : "; " + detail), inner)
    {
        Reason = reason;
        Position = position;
        Source = source;
    }

    /// <summary>An error that does not belong to a place in a source (e.g. raised by a scope).</summary>
    public ExpressionException(string reason, Exception? inner = null)
        : base(reason, inner)
    {
        Reason = reason;
        Position = -1;
        Source = "";
    }

    /// <summary>What is wrong, without the position.</summary>
    public string Reason { get; }

    /// <summary>0-based character index in <see cref="Source"/>, or -1 when not tied to a place.</summary>
    public int Position { get; }

    /// <summary>The expression's text, or "" when not tied to a place.</summary>
    public new string Source { get; }

    private static string Format(string reason, int position, string source) =>
        $"{reason} at {position} in \"{source}\"";
}
