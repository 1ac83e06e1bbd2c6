namespace Diagnose.Expressions;

/// <summary>A position in a token list, with marks for the few places the parser must look ahead.</summary>
internal sealed class TokenCursor(string source, List<Token> tokens)
{
    private int index;

    public string Source { get; } = source;

    public Token Current => tokens[index];

    public int Mark => index;

    public Token Peek(int ahead = 1) => tokens[Math.Min(index + ahead, tokens.Count - 1)];

    public void Reset(int mark) => index = mark;

    public Token Advance()
    {
        var token = Current;
        if (index < tokens.Count - 1)
        {
            index++;
        }

        return token;
    }

    public bool Accept(TokenKind kind)
    {
        if (!Current.Is(kind))
        {
            return false;
        }

        Advance();
        return true;
    }

    public Token Expect(TokenKind kind, string expected) =>
        Current.Is(kind) ? Advance() : throw Unexpected(expected);

    public Token ExpectIdentifier(string expected) =>
        Current.Is(TokenKind.Identifier) ? Advance() : throw Unexpected(expected);

    /// <summary>"unexpected ')' (expected …)" at the current token, or "unexpected end of expression".</summary>
    public ExpressionException Unexpected(string? expected = null)
    {
        var reason = Current.Is(TokenKind.EndOfInput)
            ? "unexpected end of expression"
            : $"unexpected {Current.Describe()}" + (expected is null ? "" : $" (expected {expected})");
        return Error(reason, Current.Position);
    }

    public ExpressionException Error(string reason, int position) => new(reason, position, Source);
}
