namespace Diagnose.Expressions;

/// <summary>One lexical element: its kind, where it starts (0-based), its text and, for literals, its value.</summary>
internal readonly record struct Token(TokenKind Kind, int Position, string Text, object? Value = null)
{
    public int End => Position + Text.Length;

    /// <summary>An identifier's name (without the '@' of a verbatim identifier) or the token's text.</summary>
    public string Name => Kind == TokenKind.Identifier && Value is string name ? name : Text;

    public bool Is(TokenKind kind) => Kind == kind;

    public bool IsKeyword(string keyword) => Kind == TokenKind.Keyword && Text == keyword;

    public bool IsIdentifier(string name) => Kind == TokenKind.Identifier && Name == name;

    /// <summary>How the token reads in an error message.</summary>
    public string Describe() => Kind == TokenKind.EndOfInput
        ? "end of expression"
        : $"'{(Text.Length > 20 ? Text[..20] + "…" : Text)}'";
}
