namespace Diagnose.Expressions;

/// <summary>Lambdas, recognized by looking ahead for '=&gt;' after a name or a parenthesized parameter list.</summary>
internal sealed class LambdaParser(TokenCursor cursor, Parser parser)
{
    /// <summary><c>x =&gt; …</c>, <c>() =&gt; …</c>, <c>(x, y) =&gt; …</c>, <c>(int x) =&gt; …</c>; null with the cursor unmoved otherwise.</summary>
    public LambdaSyntax? TryParseLambda()
    {
        var start = cursor.Current;
        if (start.Is(TokenKind.Identifier) && cursor.Peek().Is(TokenKind.Arrow))
        {
            cursor.Advance();
            cursor.Advance();
            return new LambdaSyntax([new LambdaParameterSyntax(start.Name, null, start.Position)], parser.ParseExpression(), start.Position);
        }

        if (!start.Is(TokenKind.OpenParen))
        {
            return null;
        }

        var mark = cursor.Mark;
        cursor.Advance();
        var parameters = new List<LambdaParameterSyntax>();
        while (!cursor.Current.Is(TokenKind.CloseParen))
        {
            var type = cursor.Peek().Is(TokenKind.Identifier) ? TypeParser.TryParseType(cursor) : null;
            if (!cursor.Current.Is(TokenKind.Identifier))
            {
                cursor.Reset(mark);
                return null;
            }

            var name = cursor.Advance();
            parameters.Add(new LambdaParameterSyntax(name.Name, type, name.Position));
            if (!cursor.Accept(TokenKind.Comma) && !cursor.Current.Is(TokenKind.CloseParen))
            {
                cursor.Reset(mark);
                return null;
            }
        }

        cursor.Advance();
        if (!cursor.Accept(TokenKind.Arrow))
        {
            cursor.Reset(mark);
            return null;
        }

        return new LambdaSyntax(parameters, parser.ParseExpression(), start.Position);
    }
}
