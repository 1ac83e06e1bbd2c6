using System.Text;

namespace Diagnose.Cli.Discovery;

/// <summary>What a token of an expression is, as far as finding names needs.</summary>
internal enum TokenKind
{
    Name = 0,
    Literal = 1,
    Operator = 2,
    Punctuation = 3,
}

/// <summary>One token: a name (<c>@</c> removed), a literal (strings, numbers, chars), an operator or punctuation.</summary>
internal sealed record ExpressionToken(TokenKind Kind, string Text);

/// <summary>
/// Splits an expression into tokens the way C# does for names: string and char literals are single tokens, the
/// expressions inside an interpolated string's holes are tokens of their own (alignment and format left out).
/// </summary>
internal static class ExpressionTokens
{
    private static readonly string[] s_operators = ["=>", "?.", "??", "::", "==", "!=", "<=", ">=", "&&", "||", "<<", "++", "--"];

    /// <summary>The tokens, or null when the text does not end where it should (an unclosed string or hole).</summary>
    public static List<ExpressionToken>? Read(string source)
    {
        var tokens = new List<ExpressionToken>();
        return Read(source, 0, source.Length, tokens) == source.Length ? tokens : null;
    }

    /// <returns>Where reading stopped: <paramref name="end"/>, or -1 on a malformed literal.</returns>
    private static int Read(string source, int start, int end, List<ExpressionToken> tokens)
    {
        var i = start;
        while (i < end)
        {
            var c = source[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '$' || (c == '@' && i + 1 < end && source[i + 1] is '$' or '"'))
            {
                i = ReadString(source, i, end, tokens);
            }
            else if (c is '"' or '\'')
            {
                i = ReadQuoted(source, i, end, c);
                tokens.Add(new ExpressionToken(TokenKind.Literal, "\""));
            }
            else if (char.IsLetter(c) || c is '_' or '@')
            {
                var from = c == '@' ? i + 1 : i;
                i = from;
                while (i < end && (char.IsLetterOrDigit(source[i]) || source[i] == '_'))
                {
                    i++;
                }

                if (i == from)
                {
                    return -1;
                }

                tokens.Add(new ExpressionToken(TokenKind.Name, source[from..i]));
            }
            else if (char.IsDigit(c) || (c == '.' && i + 1 < end && char.IsDigit(source[i + 1])))
            {
                while (i < end && (char.IsLetterOrDigit(source[i]) || source[i] is '_' or '.'))
                {
                    i++;
                }

                tokens.Add(new ExpressionToken(TokenKind.Literal, "0"));
            }
            else
            {
                var op = s_operators.FirstOrDefault(o => string.CompareOrdinal(source, i, o, 0, o.Length) == 0 && i + o.Length <= end);
                var text = op ?? c.ToString();
                tokens.Add(new ExpressionToken(text is "(" or ")" or "[" or "]" or "{" or "}" or "," or "." or ";" ? TokenKind.Punctuation : TokenKind.Operator, text));
                i += text.Length;
            }

            if (i < 0)
            {
                return -1;
            }
        }

        return i;
    }

    /// <summary>A quoted literal from its opening quote, escapes skipped; returns the index after it, or -1.</summary>
    private static int ReadQuoted(string source, int start, int end, char quote)
    {
        for (var i = start + 1; i < end; i++)
        {
            if (source[i] == '\\')
            {
                i++;
            }
            else if (source[i] == quote)
            {
                return i + 1;
            }
        }

        return -1;
    }

    /// <summary><c>$"…{hole}…"</c>, <c>$@"…"</c>, <c>@$"…"</c> or <c>@"…"</c>: the holes' tokens are added.</summary>
    private static int ReadString(string source, int start, int end, List<ExpressionToken> tokens)
    {
        var i = start;
        var interpolated = false;
        var verbatim = false;
        while (i < end && source[i] is '$' or '@')
        {
            interpolated |= source[i] == '$';
            verbatim |= source[i] == '@';
            i++;
        }

        if (i >= end || source[i] != '"')
        {
            return -1;
        }

        tokens.Add(new ExpressionToken(TokenKind.Literal, "\""));
        for (i++; i < end; i++)
        {
            var c = source[i];
            if (!verbatim && c == '\\')
            {
                i++;
            }
            else if (c == '"' && verbatim && i + 1 < end && source[i + 1] == '"')
            {
                i++;
            }
            else if (c == '"')
            {
                return i + 1;
            }
            else if (interpolated && c is '{' or '}' && i + 1 < end && source[i + 1] == c)
            {
                i++;
            }
            else if (interpolated && c == '{')
            {
                var close = HoleEnd(source, i + 1, end, out var expressionEnd);
                if (close < 0 || Read(source, i + 1, expressionEnd, tokens) != expressionEnd)
                {
                    return -1;
                }

                i = close;
            }
        }

        return -1;
    }

    /// <summary>The index of a hole's closing brace; <paramref name="expressionEnd"/>: where its expression ends (before ',' alignment or ':' format).</summary>
    private static int HoleEnd(string source, int start, int end, out int expressionEnd)
    {
        var depth = 0;
        expressionEnd = -1;
        for (var i = start; i < end; i++)
        {
            var c = source[i];
            if (c is '"' or '\'')
            {
                i = ReadQuoted(source, i, end, c) - 1;
                if (i < 0)
                {
                    return -1;
                }
            }
            else if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']' || (c == '}' && depth > 0))
            {
                depth--;
            }
            else if (depth == 0 && expressionEnd < 0 && (c is ',' || (c == ':' && !(i + 1 < end && source[i + 1] == ':'))))
            {
                expressionEnd = i;
            }
            else if (c == '}' && depth == 0)
            {
                expressionEnd = expressionEnd < 0 ? i : expressionEnd;
                return i;
            }
        }

        return -1;
    }
}
