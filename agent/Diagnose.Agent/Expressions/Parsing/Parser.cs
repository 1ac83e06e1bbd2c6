namespace Diagnose.Expressions;

/// <summary>
/// A recursive-descent parser with C#'s precedence, lowest first: lambda and assignment, <c>?:</c>, <c>??</c>,
/// <c>||</c>, <c>&amp;&amp;</c>, <c>|</c>, <c>^</c>, <c>&amp;</c>, equality, relational and <c>is</c>/<c>as</c>, shift,
/// additive, multiplicative, unary and casts, then primaries with their postfix chains.
/// </summary>
internal sealed class Parser
{
    private static readonly Dictionary<TokenKind, (BinaryOperator Operator, int Precedence)> Binary = new()
    {
        [TokenKind.BarBar] = (BinaryOperator.OrElse, 1),
        [TokenKind.AmpAmp] = (BinaryOperator.AndAlso, 2),
        [TokenKind.Bar] = (BinaryOperator.Or, 3),
        [TokenKind.Caret] = (BinaryOperator.ExclusiveOr, 4),
        [TokenKind.Amp] = (BinaryOperator.And, 5),
        [TokenKind.EqualsEquals] = (BinaryOperator.Equal, 6),
        [TokenKind.BangEquals] = (BinaryOperator.NotEqual, 6),
        [TokenKind.Less] = (BinaryOperator.LessThan, 7),
        [TokenKind.Greater] = (BinaryOperator.GreaterThan, 7),
        [TokenKind.LessEquals] = (BinaryOperator.LessThanOrEqual, 7),
        [TokenKind.GreaterEquals] = (BinaryOperator.GreaterThanOrEqual, 7),
        [TokenKind.LessLess] = (BinaryOperator.LeftShift, 8),
        [TokenKind.Plus] = (BinaryOperator.Add, 9),
        [TokenKind.Minus] = (BinaryOperator.Subtract, 9),
        [TokenKind.Star] = (BinaryOperator.Multiply, 10),
        [TokenKind.Slash] = (BinaryOperator.Divide, 10),
        [TokenKind.Percent] = (BinaryOperator.Modulo, 10),
    };

    private const int RelationalPrecedence = 7;
    private const int ShiftPrecedence = 8;

    private static readonly Dictionary<TokenKind, BinaryOperator?> Assignments = new()
    {
        [TokenKind.Equals] = null,
        [TokenKind.PlusEquals] = BinaryOperator.Add,
        [TokenKind.MinusEquals] = BinaryOperator.Subtract,
        [TokenKind.StarEquals] = BinaryOperator.Multiply,
        [TokenKind.SlashEquals] = BinaryOperator.Divide,
        [TokenKind.PercentEquals] = BinaryOperator.Modulo,
        [TokenKind.AmpEquals] = BinaryOperator.And,
        [TokenKind.BarEquals] = BinaryOperator.Or,
        [TokenKind.CaretEquals] = BinaryOperator.ExclusiveOr,
        [TokenKind.LessLessEquals] = BinaryOperator.LeftShift,
        [TokenKind.QuestionQuestionEquals] = BinaryOperator.Coalesce,
    };

    private static readonly Dictionary<TokenKind, UnaryOperator> Prefix = new()
    {
        [TokenKind.Plus] = UnaryOperator.Plus,
        [TokenKind.Minus] = UnaryOperator.Negate,
        [TokenKind.Bang] = UnaryOperator.Not,
        [TokenKind.Tilde] = UnaryOperator.Complement,
        [TokenKind.PlusPlus] = UnaryOperator.PreIncrement,
        [TokenKind.MinusMinus] = UnaryOperator.PreDecrement,
    };

    private readonly TokenCursor cursor;
    private readonly CreationParser creations;
    private readonly LambdaParser lambdas;

    private Parser(string source, List<Token> tokens)
    {
        cursor = new TokenCursor(source, tokens);
        creations = new CreationParser(cursor, this);
        lambdas = new LambdaParser(cursor, this);
    }

    /// <summary>Parses all of source[start..end) as one expression.</summary>
    public static Syntax ParseWhole(string source, int start, int end)
    {
        var parser = new Parser(source, Lexer.Tokenize(source, start, end));
        var expression = parser.ParseExpression();
        return parser.cursor.Current.Is(TokenKind.EndOfInput) ? expression : throw parser.cursor.Unexpected();
    }

    public Syntax ParseExpression()
    {
        if (lambdas.TryParseLambda() is { } lambda)
        {
            return lambda;
        }

        var target = ParseConditional();
        if (Assignments.TryGetValue(cursor.Current.Kind, out var compound))
        {
            var position = cursor.Advance().Position;
            return new AssignmentSyntax(compound, target, ParseExpression(), position);
        }

        return target;
    }

    /// <summary>Comma-separated expressions up to <paramref name="close"/>, which is consumed.</summary>
    public List<Syntax> ParseList(TokenKind close, string closeText)
    {
        var items = new List<Syntax>();
        if (cursor.Accept(close))
        {
            return items;
        }

        do
        {
            if (cursor.Current.Is(TokenKind.Identifier) && cursor.Peek().Is(TokenKind.Colon))
            {
                throw cursor.Error("named arguments are not supported", cursor.Current.Position);
            }

            items.Add(ParseExpression());
        }
        while (cursor.Accept(TokenKind.Comma));

        cursor.Expect(close, $"',' or {closeText}");
        return items;
    }

    private Syntax ParseConditional()
    {
        var condition = ParseCoalesce();
        if (!cursor.Current.Is(TokenKind.Question))
        {
            return condition;
        }

        var position = cursor.Advance().Position;
        var whenTrue = ParseExpression();
        cursor.Expect(TokenKind.Colon, "':'");
        return new ConditionalSyntax(condition, whenTrue, ParseExpression(), position);
    }

    private Syntax ParseCoalesce()
    {
        var left = ParseBinary(1);
        if (!cursor.Current.Is(TokenKind.QuestionQuestion))
        {
            return left;
        }

        var position = cursor.Advance().Position;
        return new BinarySyntax(BinaryOperator.Coalesce, left, ParseCoalesce(), position);
    }

    private Syntax ParseBinary(int minimumPrecedence)
    {
        var left = ParseUnary();
        while (true)
        {
            var token = cursor.Current;
            if (token.IsKeyword("is") || token.IsKeyword("as"))
            {
                if (RelationalPrecedence < minimumPrecedence)
                {
                    return left;
                }

                left = ParseTypeTest(left);
                continue;
            }

            BinaryOperator op;
            int precedence;
            var isShiftRight = token.Is(TokenKind.Greater) && cursor.Peek() is { Kind: TokenKind.Greater } second &&
                second.Position == token.End;
            if (isShiftRight)
            {
                (op, precedence) = (BinaryOperator.RightShift, ShiftPrecedence);
            }
            else if (!Binary.TryGetValue(token.Kind, out var entry))
            {
                return left;
            }
            else
            {
                (op, precedence) = entry;
            }

            if (precedence < minimumPrecedence)
            {
                return left;
            }

            cursor.Advance();
            if (isShiftRight)
            {
                cursor.Advance();
            }

            left = new BinarySyntax(op, left, ParseBinary(precedence + 1), token.Position);
        }
    }

    private TypeTestSyntax ParseTypeTest(Syntax operand)
    {
        var keyword = cursor.Advance();
        if (keyword.Text == "as")
        {
            return new TypeTestSyntax(operand, TypeTestKind.As, TypeParser.ParseType(cursor, true), keyword.Position);
        }

        var kind = TypeTestKind.Is;
        if (cursor.Current.IsIdentifier("not"))
        {
            cursor.Advance();
            kind = TypeTestKind.IsNot;
        }

        TypeSyntax? type = null;
        if (cursor.Current.IsKeyword("null"))
        {
            cursor.Advance();
        }
        else
        {
            type = TypeParser.ParseType(cursor, nullableOnlyAtOperandEnd: true);
        }

        return new TypeTestSyntax(operand, kind, type, keyword.Position);
    }

    private Syntax ParseUnary()
    {
        var token = cursor.Current;
        if (Prefix.TryGetValue(token.Kind, out var op))
        {
            cursor.Advance();
            return new UnarySyntax(op, ParseUnary(), token.Position);
        }

        if (token.Is(TokenKind.OpenParen) && TryParseCast() is { } cast)
        {
            return cast;
        }

        return ParsePostfix(ParsePrimary());
    }

    /// <summary>
    /// <c>(T)x</c> is a cast when T is a keyword type, or when the token after ')' starts an operand that cannot
    /// continue an expression (an identifier, literal, '(', '!', '~' or keyword), as C# decides.
    /// </summary>
    private CastSyntax? TryParseCast()
    {
        var mark = cursor.Mark;
        var open = cursor.Advance();
        var type = TypeParser.TryParseType(cursor);
        if (type is not null && cursor.Accept(TokenKind.CloseParen))
        {
            var next = cursor.Current;
            var keywordType = type.Segments.Count == 1 && TypeNames.IsKeyword(type.Segments[0].Name);
            var startsOperand = next.Kind is TokenKind.Identifier or TokenKind.Literal or TokenKind.InterpolatedString
                    or TokenKind.OpenParen or TokenKind.Bang or TokenKind.Tilde ||
                (next.Kind == TokenKind.Keyword && next.Text is not ("is" or "as"));
            if (startsOperand || (keywordType && !next.Is(TokenKind.EndOfInput)))
            {
                return new CastSyntax(type, ParseUnary(), open.Position);
            }
        }

        cursor.Reset(mark);
        return null;
    }

    private Syntax ParsePostfix(Syntax expression)
    {
        while (true)
        {
            var token = cursor.Current;
            switch (token.Kind)
            {
                case TokenKind.Dot:
                    cursor.Advance();
                    expression = ParseMemberName(expression);
                    break;
                case TokenKind.OpenParen:
                    cursor.Advance();
                    expression = new CallSyntax(expression, ParseList(TokenKind.CloseParen, "')'"), expression.Position);
                    break;
                case TokenKind.OpenBracket:
                    cursor.Advance();
                    expression = new IndexSyntax(expression, ParseList(TokenKind.CloseBracket, "']'"), token.Position);
                    break;
                case TokenKind.QuestionDot:
                case TokenKind.Question when cursor.Peek().Is(TokenKind.OpenBracket):
                    cursor.Advance();
                    var receiver = new ConditionalReceiverSyntax(token.Position);
                    // a?.b and a?[i]; a?.[i] is read as a?[i].
                    var first = token.Is(TokenKind.QuestionDot) && !cursor.Current.Is(TokenKind.OpenBracket)
                        ? ParseMemberName(receiver)
                        : (Syntax)receiver;
                    return new ConditionalAccessSyntax(expression, ParsePostfix(first), token.Position);
                case TokenKind.PlusPlus or TokenKind.MinusMinus:
                    cursor.Advance();
                    var op = token.Is(TokenKind.PlusPlus) ? UnaryOperator.PostIncrement : UnaryOperator.PostDecrement;
                    expression = new UnarySyntax(op, expression, token.Position);
                    break;
                case TokenKind.Bang when cursor.Peek().Kind is TokenKind.Dot or TokenKind.OpenBracket
                    or TokenKind.CloseParen or TokenKind.EndOfInput:
                    cursor.Advance(); // the null-forgiving operator changes nothing at run time
                    break;
                default:
                    return expression;
            }
        }
    }

    private MemberAccessSyntax ParseMemberName(Syntax target)
    {
        var name = cursor.ExpectIdentifier("a member name");
        var typeArguments = TypeParser.TryParseGenericArgumentsInExpression(cursor);
        return new MemberAccessSyntax(target, name.Name, name.Position, typeArguments);
    }

    private Syntax ParsePrimary()
    {
        var token = cursor.Current;
        switch (token.Kind)
        {
            case TokenKind.Literal:
                cursor.Advance();
                return new LiteralSyntax(token.Value, token.Position);
            case TokenKind.InterpolatedString:
                cursor.Advance();
                return ParseInterpolated(token);
            case TokenKind.Identifier:
                cursor.Advance();
                return new NameSyntax(token.Name, token.Position, TypeParser.TryParseGenericArgumentsInExpression(cursor));
            case TokenKind.OpenParen:
                cursor.Advance();
                var inner = ParseExpression();
                cursor.Expect(TokenKind.CloseParen, "')'");
                return inner;
            case TokenKind.Keyword:
                return ParseKeyword(token);
            default:
                throw cursor.Unexpected("an expression");
        }
    }

    private Syntax ParseKeyword(Token token)
    {
        switch (token.Text)
        {
            case "true" or "false":
                cursor.Advance();
                return new LiteralSyntax(token.Text == "true", token.Position);
            case "null":
                cursor.Advance();
                return new LiteralSyntax(null, token.Position);
            case "this":
                cursor.Advance();
                return new NameSyntax("this", token.Position);
            case "new":
                return creations.ParseNew();
            case "typeof" or "default":
                cursor.Advance();
                cursor.Expect(TokenKind.OpenParen, token.Text == "default" ? "'(' (write default(T))" : "'('");
                var type = TypeParser.ParseType(cursor);
                cursor.Expect(TokenKind.CloseParen, "')'");
                var op = token.Text == "typeof" ? TypeOperator.TypeOf : TypeOperator.Default;
                return new TypeOperatorSyntax(op, type, token.Position);
            default:
                if (TypeParser.IsPredefined(token))
                {
                    return TypeParser.ParseType(cursor);
                }

                throw cursor.Unexpected("an expression");
        }
    }

    private InterpolatedStringSyntax ParseInterpolated(Token token)
    {
        var parts = new List<InterpolationSyntax>();
        foreach (var part in (IReadOnlyList<InterpolationPart>)token.Value!)
        {
            parts.Add(part.IsHole
                ? new InterpolationSyntax(null, ParseWhole(cursor.Source, part.HoleStart, part.HoleEnd), part.Alignment, part.Format)
                : new InterpolationSyntax(part.Text, null, null, null));
        }

        return new InterpolatedStringSyntax(parts, token.Position);
    }
}
