namespace Diagnose.Expressions;

/// <summary>
/// The forms of <c>new</c>: anonymous objects <c>new { a = x, y }</c>, arrays <c>new[] { … }</c>,
/// <c>new T[] { … }</c>, <c>new T[n]</c>, and objects <c>new T(…) { Member = v }</c> / <c>new T { a, { k, v } }</c>.
/// </summary>
internal sealed class CreationParser(TokenCursor cursor, Parser parser)
{
    public Syntax ParseNew()
    {
        var keyword = cursor.Advance();
        if (cursor.Accept(TokenKind.OpenBrace))
        {
            return ParseAnonymous(keyword.Position);
        }

        if (cursor.Current.Is(TokenKind.OpenBracket) && cursor.Peek().Is(TokenKind.CloseBracket))
        {
            cursor.Advance();
            cursor.Advance();
            cursor.Expect(TokenKind.OpenBrace, "'{'");
            return new ArrayCreationSyntax(null, null, parser.ParseList(TokenKind.CloseBrace, "'}'"), keyword.Position);
        }

        var type = TypeParser.ParseType(cursor);
        if (cursor.Accept(TokenKind.OpenBracket))
        {
            var lengths = parser.ParseList(TokenKind.CloseBracket, "']'");
            return new ArrayCreationSyntax(type, lengths, null, keyword.Position);
        }

        if (type.ArrayRanks.Count > 0)
        {
            cursor.Expect(TokenKind.OpenBrace, "'{'");
            var elementType = type with { ArrayRanks = type.ArrayRanks.Take(type.ArrayRanks.Count - 1).ToList() };
            if (type.ArrayRanks[^1] != 1)
            {
                throw cursor.Error("only single-dimensional array initializers are supported", type.Position);
            }

            return new ArrayCreationSyntax(elementType, null, parser.ParseList(TokenKind.CloseBrace, "'}'"), keyword.Position);
        }

        IReadOnlyList<Syntax> arguments = [];
        var hasArguments = cursor.Accept(TokenKind.OpenParen);
        if (hasArguments)
        {
            arguments = parser.ParseList(TokenKind.CloseParen, "')'");
        }

        if (cursor.Accept(TokenKind.OpenBrace))
        {
            return new ObjectCreationSyntax(type, arguments, ParseInitializers(), keyword.Position);
        }

        return hasArguments
            ? new ObjectCreationSyntax(type, arguments, null, keyword.Position)
            : throw cursor.Unexpected("'(' or '{'");
    }

    private AnonymousObjectSyntax ParseAnonymous(int position) =>
        new(ParseBraced(() =>
        {
            var start = cursor.Current;
            if (TryParseNamed() is { } named)
            {
                return new AnonymousMemberSyntax(named.Name, named.Value, start.Position);
            }

            var value = parser.ParseExpression();
            var name = value switch
            {
                NameSyntax { Name: not "this" } n => n.Name,
                MemberAccessSyntax m => m.Name,
                ConditionalAccessSyntax { WhenNotNull: MemberAccessSyntax m } => m.Name,
                _ => throw cursor.Error("an anonymous object member needs a name (write name = expression)", start.Position),
            };
            return new AnonymousMemberSyntax(name, value, start.Position);
        }), position);

    private List<InitializerSyntax> ParseInitializers() => ParseBraced(() =>
    {
        var start = cursor.Current;
        if (TryParseNamed() is { } named)
        {
            return new InitializerSyntax(named.Name, [named.Value], start.Position);
        }

        return cursor.Accept(TokenKind.OpenBrace)
            ? new InitializerSyntax(null, parser.ParseList(TokenKind.CloseBrace, "'}'"), start.Position)
            : new InitializerSyntax(null, [parser.ParseExpression()], start.Position);
    });

    /// <summary><c>name = value</c>, or null with the cursor unmoved.</summary>
    private (string Name, Syntax Value)? TryParseNamed()
    {
        if (!cursor.Current.Is(TokenKind.Identifier) || !cursor.Peek().Is(TokenKind.Equals))
        {
            return null;
        }

        var name = cursor.Advance().Name;
        cursor.Advance();
        return (name, parser.ParseExpression());
    }

    /// <summary>Items separated by ',' (a trailing one allowed) up to '}', which is consumed.</summary>
    private List<T> ParseBraced<T>(Func<T> item)
    {
        var items = new List<T>();
        while (!cursor.Accept(TokenKind.CloseBrace))
        {
            items.Add(item());
            if (!cursor.Accept(TokenKind.Comma) && !cursor.Current.Is(TokenKind.CloseBrace))
            {
                throw cursor.Unexpected("',' or '}'");
            }
        }

        return items;
    }
}
