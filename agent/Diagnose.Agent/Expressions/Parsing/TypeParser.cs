namespace Diagnose.Expressions;

/// <summary>
/// Parses types where the grammar expects one (casts, typeof, new, is/as, type arguments, typed lambda
/// parameters) and, speculatively, type argument lists after names in expressions.
/// </summary>
internal static class TypeParser
{
    // C#'s rule (ECMA-334 §6.2.5): after a successful type argument list, these tokens make it generic.
    private static readonly HashSet<TokenKind> FollowGenericName =
    [
        TokenKind.OpenParen, TokenKind.CloseParen, TokenKind.CloseBracket, TokenKind.CloseBrace, TokenKind.Colon,
        TokenKind.Comma, TokenKind.Dot, TokenKind.Question, TokenKind.QuestionDot, TokenKind.EqualsEquals,
        TokenKind.BangEquals, TokenKind.Bar, TokenKind.Caret, TokenKind.AmpAmp, TokenKind.BarBar, TokenKind.Amp,
        TokenKind.OpenBracket, TokenKind.EndOfInput,
    ];

    private static readonly HashSet<TokenKind> EndsOperand =
    [
        TokenKind.CloseParen, TokenKind.CloseBracket, TokenKind.CloseBrace, TokenKind.Comma, TokenKind.Colon,
        TokenKind.EndOfInput, TokenKind.AmpAmp, TokenKind.BarBar, TokenKind.EqualsEquals, TokenKind.BangEquals,
        TokenKind.Question, TokenKind.QuestionQuestion,
    ];

    public static bool IsPredefined(Token token) => token.Kind == TokenKind.Keyword && TypeNames.IsKeyword(token.Text);

    /// <summary>A type at the cursor (the cursor moves past it), or an error naming what was found instead.</summary>
    public static TypeSyntax ParseType(TokenCursor cursor, bool nullableOnlyAtOperandEnd = false)
    {
        var mark = cursor.Mark;
        return TryParseType(cursor, nullableOnlyAtOperandEnd) ?? Fail(cursor, mark);
    }

    /// <summary>A type at the cursor, or null with the cursor unmoved.</summary>
    public static TypeSyntax? TryParseType(TokenCursor cursor, bool nullableOnlyAtOperandEnd = false)
    {
        var mark = cursor.Mark;
        var start = cursor.Current;
        var segments = new List<TypeSegment>();
        if (IsPredefined(start))
        {
            segments.Add(new TypeSegment(cursor.Advance().Text, []));
        }
        else
        {
            do
            {
                if (!cursor.Current.Is(TokenKind.Identifier))
                {
                    cursor.Reset(mark);
                    return null;
                }

                var name = cursor.Advance().Name;
                var arguments = cursor.Current.Is(TokenKind.Less) ? TryParseTypeArguments(cursor) : [];
                if (arguments is null)
                {
                    cursor.Reset(mark);
                    return null;
                }

                segments.Add(new TypeSegment(name, arguments));
            }
            while (cursor.Accept(TokenKind.Dot));
        }

        var nullable = cursor.Current.Is(TokenKind.Question) &&
            (!nullableOnlyAtOperandEnd || EndsOperand.Contains(cursor.Peek().Kind));
        if (nullable)
        {
            cursor.Advance();
        }

        var ranks = new List<int>();
        while (cursor.Current.Is(TokenKind.OpenBracket) && cursor.Peek().Kind is TokenKind.Comma or TokenKind.CloseBracket)
        {
            cursor.Advance();
            var rank = 1;
            while (cursor.Accept(TokenKind.Comma))
            {
                rank++;
            }

            cursor.Expect(TokenKind.CloseBracket, "']'");
            ranks.Add(rank);
        }

        return new TypeSyntax(segments, nullable, ranks, start.Position);
    }

    /// <summary>
    /// After a name in an expression: a type argument list when it parses and is followed by a token that makes
    /// it generic (<c>Enumerable.Empty&lt;int&gt;()</c>); otherwise null with the cursor unmoved ('&lt;' is less-than).
    /// </summary>
    public static IReadOnlyList<TypeSyntax>? TryParseGenericArgumentsInExpression(TokenCursor cursor)
    {
        if (!cursor.Current.Is(TokenKind.Less))
        {
            return null;
        }

        var mark = cursor.Mark;
        var arguments = TryParseTypeArguments(cursor);
        if (arguments is not null && FollowGenericName.Contains(cursor.Current.Kind))
        {
            return arguments;
        }

        cursor.Reset(mark);
        return null;
    }

    private static IReadOnlyList<TypeSyntax>? TryParseTypeArguments(TokenCursor cursor)
    {
        var mark = cursor.Mark;
        cursor.Advance();
        var arguments = new List<TypeSyntax>();
        do
        {
            var argument = TryParseType(cursor);
            if (argument is null)
            {
                cursor.Reset(mark);
                return null;
            }

            arguments.Add(argument);
        }
        while (cursor.Accept(TokenKind.Comma));

        if (!cursor.Accept(TokenKind.Greater))
        {
            cursor.Reset(mark);
            return null;
        }

        return arguments;
    }

    private static TypeSyntax Fail(TokenCursor cursor, int mark)
    {
        cursor.Reset(mark);
        throw cursor.Unexpected("a type");
    }
}
