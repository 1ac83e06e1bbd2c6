namespace Diagnose.Cli.Discovery;

/// <summary>
/// The simple names an instrument's expression surely reads from its context, found by a conservative scan of its
/// tokens (the agent's parser lives in the agent, which the CLI does not load). A name counts only when nothing else
/// can be meant: it starts with a lower-case letter or '_' (types, namespaces and static classes such as Math start
/// upper-case), is not a keyword, is not a member after '.', a lambda parameter, a called function (a global),
/// an anonymous member or initializer name (<c>a = …</c>), or inside a cast or type position. A text the scan cannot
/// read to its end gives no names: the agent reports its syntax error.
/// </summary>
internal static class ExpressionNames
{
    private static readonly HashSet<string> s_keywords = new(StringComparer.Ordinal)
    {
        "true", "false", "null", "new", "is", "as", "not", "and", "or", "typeof", "default", "sizeof", "nameof",
        "checked", "unchecked", "base", "var", "dynamic", "bool", "byte", "sbyte", "char", "short", "ushort", "int",
        "uint", "long", "ulong", "float", "double", "decimal", "string", "object", "nint", "nuint", "void", "with",
    };

    /// <summary>The names, in order of first use; null when the text cannot be scanned.</summary>
    public static IReadOnlyList<string>? Of(string source)
    {
        var tokens = ExpressionTokens.Read(source);
        if (tokens is null)
        {
            return null;
        }

        var parameters = LambdaParameters(tokens);
        var names = new List<string>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind != TokenKind.Name || !StartsLikeAValue(token.Text) || s_keywords.Contains(token.Text) || parameters.Contains(token.Text))
            {
                continue;
            }

            var previous = i > 0 ? tokens[i - 1].Text : "";
            var next = i + 1 < tokens.Count ? tokens[i + 1].Text : "";
            var memberOrType = previous is "." or "?." or "::" or "new" or "is" or "as" or "not" || InTypeArguments(tokens, i);
            var calledOrNamed = next is "(" or "=" or "=>" || (next == "<" && TypeArgumentsEnd(tokens, i + 1) is not null);
            if (!memberOrType && !calledOrNamed && !InTypePosition(tokens, i) && !names.Contains(token.Text))
            {
                names.Add(token.Text);
            }
        }

        return names;
    }

    private static bool StartsLikeAValue(string name) => char.IsLower(name[0]) || name[0] == '_';

    /// <summary>Every name in a lambda's parameter list (<c>x =&gt;</c>, <c>(x, y) =&gt;</c>, <c>(int x) =&gt;</c>), wherever it is.</summary>
    private static HashSet<string> LambdaParameters(List<ExpressionToken> tokens)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 1; i < tokens.Count; i++)
        {
            if (tokens[i].Text != "=>")
            {
                continue;
            }

            if (tokens[i - 1].Kind == TokenKind.Name)
            {
                names.Add(tokens[i - 1].Text);
            }
            else if (tokens[i - 1].Text == ")" && Opening(tokens, i - 1) is { } open)
            {
                names.UnionWith(tokens.Skip(open + 1).Take(i - 2 - open).Where(t => t.Kind == TokenKind.Name).Select(t => t.Text));
            }
        }

        return names;
    }

    /// <summary>
    /// Inside a parenthesised group that a value follows (a cast: <c>(Order)x</c>), or in <c>typeof(…)</c> /
    /// <c>default(…)</c>: names there are types.
    /// </summary>
    private static bool InTypePosition(List<ExpressionToken> tokens, int index)
    {
        var depth = 0;
        for (var i = index - 1; i >= 0; i--)
        {
            var text = tokens[i].Text;
            if (text is ")" or "]" or "}")
            {
                depth++;
            }
            else if (text is "(" or "[" or "{" && depth > 0)
            {
                depth--;
            }
            else if (text == "(")
            {
                var before = i > 0 ? tokens[i - 1].Text : "";
                if (before is "typeof" or "default" or "sizeof" or "nameof")
                {
                    return true;
                }

                if (i > 0 && (tokens[i - 1].Kind == TokenKind.Name || before is ")" or "]"))
                {
                    return false; // a call's arguments
                }

                var close = Closing(tokens, i);
                var after = close is { } c && c + 1 < tokens.Count ? tokens[c + 1] : null;
                return after is not null && (after.Kind is TokenKind.Name or TokenKind.Literal || after.Text == "(") && !tokens.Skip(i + 1).Take((close ?? i) - i - 1).Any(t => t.Kind == TokenKind.Operator && t.Text != ".");
            }
            else if (text is "[" or "{")
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>
    /// Where a '&lt;' at <paramref name="open"/> that opens type arguments (<c>Cast&lt;int&gt;(</c>, <c>List&lt;Order&gt;</c>)
    /// closes; null when it is a comparison (<c>count &lt; 10</c>).
    /// </summary>
    private static int? TypeArgumentsEnd(List<ExpressionToken> tokens, int open)
    {
        var depth = 0;
        for (var i = open; i < tokens.Count; i++)
        {
            var text = tokens[i].Text;
            if (text == "<")
            {
                depth++;
            }
            else if (text == ">" && --depth == 0)
            {
                return i;
            }
            else if (tokens[i].Kind != TokenKind.Name && text is not ("," or "." or "?" or "[" or "]"))
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>True inside type arguments: between a '&lt;' that opens them and its '&gt;'.</summary>
    private static bool InTypeArguments(List<ExpressionToken> tokens, int index)
    {
        for (var i = index - 1; i >= 0; i--)
        {
            if (tokens[i].Text == "<" && i > 0 && tokens[i - 1].Kind == TokenKind.Name && TypeArgumentsEnd(tokens, i) is { } end && end > index)
            {
                return true;
            }
        }

        return false;
    }

    private static int? Opening(List<ExpressionToken> tokens, int close)
    {
        var depth = 0;
        for (var i = close; i >= 0; i--)
        {
            depth += tokens[i].Text == ")" ? 1 : tokens[i].Text == "(" ? -1 : 0;
            if (depth == 0)
            {
                return i;
            }
        }

        return null;
    }

    private static int? Closing(List<ExpressionToken> tokens, int open)
    {
        var depth = 0;
        for (var i = open; i < tokens.Count; i++)
        {
            depth += tokens[i].Text == "(" ? 1 : tokens[i].Text == ")" ? -1 : 0;
            if (depth == 0)
            {
                return i;
            }
        }

        return null;
    }
}
