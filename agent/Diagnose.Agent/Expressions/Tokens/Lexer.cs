namespace Diagnose.Expressions;

/// <summary>Turns a range of the source into tokens, ending with <see cref="TokenKind.EndOfInput"/>.</summary>
internal static class Lexer
{
    private static readonly HashSet<string> Keywords =
    [
        "true", "false", "null", "this", "new", "typeof", "default", "is", "as",
        "bool", "byte", "sbyte", "short", "ushort", "int", "uint", "long", "ulong", "nint", "nuint",
        "float", "double", "decimal", "char", "string", "object",
    ];

    // Longest first, so that "??=" wins over "??" and "?".
    private static readonly (string Text, TokenKind Kind)[] Punctuators =
    [
        ("<<=", TokenKind.LessLessEquals), ("??=", TokenKind.QuestionQuestionEquals),
        ("++", TokenKind.PlusPlus), ("+=", TokenKind.PlusEquals), ("--", TokenKind.MinusMinus),
        ("-=", TokenKind.MinusEquals), ("*=", TokenKind.StarEquals), ("/=", TokenKind.SlashEquals),
        ("%=", TokenKind.PercentEquals), ("&&", TokenKind.AmpAmp), ("&=", TokenKind.AmpEquals),
        ("||", TokenKind.BarBar), ("|=", TokenKind.BarEquals), ("^=", TokenKind.CaretEquals),
        ("!=", TokenKind.BangEquals), ("==", TokenKind.EqualsEquals), ("=>", TokenKind.Arrow),
        ("<=", TokenKind.LessEquals), ("<<", TokenKind.LessLess), (">=", TokenKind.GreaterEquals),
        ("??", TokenKind.QuestionQuestion), ("?.", TokenKind.QuestionDot),
        ("+", TokenKind.Plus), ("-", TokenKind.Minus), ("*", TokenKind.Star), ("/", TokenKind.Slash),
        ("%", TokenKind.Percent), ("&", TokenKind.Amp), ("|", TokenKind.Bar), ("^", TokenKind.Caret),
        ("!", TokenKind.Bang), ("~", TokenKind.Tilde), ("=", TokenKind.Equals), ("<", TokenKind.Less),
        (">", TokenKind.Greater), ("?", TokenKind.Question), (":", TokenKind.Colon), (",", TokenKind.Comma),
        (".", TokenKind.Dot), ("(", TokenKind.OpenParen), (")", TokenKind.CloseParen),
        ("[", TokenKind.OpenBracket), ("]", TokenKind.CloseBracket), ("{", TokenKind.OpenBrace),
        ("}", TokenKind.CloseBrace),
    ];

    public static List<Token> Tokenize(string source) => Tokenize(source, 0, source.Length);

    /// <summary>The tokens of source[start..end) (positions stay relative to the whole source).</summary>
    public static List<Token> Tokenize(string source, int start, int end)
    {
        var tokens = new List<Token>();
        var position = start;
        while (true)
        {
            while (position < end && char.IsWhiteSpace(source[position]))
            {
                position++;
            }

            if (position >= end)
            {
                tokens.Add(new Token(TokenKind.EndOfInput, end, ""));
                return tokens;
            }

            var token = Next(source, position, end);
            tokens.Add(token);
            position = token.End;
        }
    }

    private static Token Next(string source, int position, int end)
    {
        var c = source[position];
        int next;
        if (NumberReader.StartsNumber(source, position, end))
        {
            var number = NumberReader.Read(source, position, end, out next);
            return Slice(TokenKind.Literal, source, position, next, number);
        }

        if (c == '"')
        {
            var text = TextLiteralReader.ReadString(source, position, end, verbatim: false, out next);
            return Slice(TokenKind.Literal, source, position, next, text);
        }

        if (c == '\'')
        {
            var character = TextLiteralReader.ReadChar(source, position, end, out next);
            return Slice(TokenKind.Literal, source, position, next, character);
        }

        if (c is '@' or '$' && TextLiteralReader.LiteralPrefixLength(source, position, end) is var prefix and > 0)
        {
            var verbatim = source.AsSpan(position, prefix).Contains('@');
            if (source.AsSpan(position, prefix).Contains('$'))
            {
                var parts = TextLiteralReader.ReadInterpolated(source, position + prefix, end, verbatim, out next);
                return Slice(TokenKind.InterpolatedString, source, position, next, parts);
            }

            var text = TextLiteralReader.ReadString(source, position + prefix, end, verbatim, out next);
            return Slice(TokenKind.Literal, source, position, next, text);
        }

        if (IsIdentifierStart(c) || (c == '@' && position + 1 < end && IsIdentifierStart(source[position + 1])))
        {
            next = position + 1;
            while (next < end && IsIdentifierPart(source[next]))
            {
                next++;
            }

            var token = Slice(TokenKind.Identifier, source, position, next, null);
            return c == '@'
                ? token with { Value = token.Text[1..] }
                : Keywords.Contains(token.Text) ? token with { Kind = TokenKind.Keyword } : token;
        }

        foreach (var (text, kind) in Punctuators)
        {
            if (string.CompareOrdinal(source, position, text, 0, text.Length) == 0 && position + text.Length <= end)
            {
                // "c?.5:1" is a conditional with the literal .5, not a null-conditional access.
                if (kind == TokenKind.QuestionDot && position + 2 < end && char.IsAsciiDigit(source[position + 2]))
                {
                    continue;
                }

                return new Token(kind, position, text);
            }
        }

        throw new ExpressionException($"unexpected character '{c}'", position, source);
    }

    private static Token Slice(TokenKind kind, string source, int start, int end, object? value) =>
        new(kind, start, source[start..end], value);

    private static bool IsIdentifierStart(char c) => char.IsLetter(c) || c == '_';

    private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c == '_';
}
