using System.Globalization;
using System.Text;

namespace Diagnose.Expressions;

/// <summary>
/// Reads string literals ("…" with C# escapes, verbatim @"…"), char literals ('x') and interpolated strings
/// ($"…", $@"…", @$"…") whose holes are located here and parsed later as expressions.
/// </summary>
internal static class TextLiteralReader
{
    /// <summary>Reads the string whose opening quote is at <paramref name="quote"/>.</summary>
    public static string ReadString(string source, int quote, int end, bool verbatim, out int next)
    {
        var text = new StringBuilder();
        var position = quote + 1;
        while (true)
        {
            if (position >= end)
            {
                throw new ExpressionException("unterminated string literal", quote, source);
            }

            var c = source[position];
            if (c == '"')
            {
                if (verbatim && position + 1 < end && source[position + 1] == '"')
                {
                    text.Append('"');
                    position += 2;
                    continue;
                }

                next = position + 1;
                return text.ToString();
            }

            if (c == '\\' && !verbatim)
            {
                ReadEscape(source, ref position, end, text);
            }
            else
            {
                text.Append(c);
                position++;
            }
        }
    }

    /// <summary>Reads the char literal whose opening quote is at <paramref name="quote"/>.</summary>
    public static char ReadChar(string source, int quote, int end, out int next)
    {
        var text = new StringBuilder();
        var position = quote + 1;
        if (position < end && source[position] == '\\')
        {
            ReadEscape(source, ref position, end, text);
        }
        else if (position < end && source[position] != '\'')
        {
            text.Append(source[position++]);
        }

        if (position >= end || source[position] != '\'' || text.Length != 1)
        {
            throw new ExpressionException("invalid char literal", quote, source);
        }

        next = position + 1;
        return text[0];
    }

    /// <summary>Reads an interpolated string whose opening quote is at <paramref name="quote"/>.</summary>
    public static IReadOnlyList<InterpolationPart> ReadInterpolated(
        string source, int quote, int end, bool verbatim, out int next)
    {
        var parts = new List<InterpolationPart>();
        var text = new StringBuilder();
        var position = quote + 1;
        while (true)
        {
            if (position >= end)
            {
                throw new ExpressionException("unterminated interpolated string", quote, source);
            }

            var c = source[position];
            var doubled = position + 1 < end && source[position + 1] == c;
            if (c == '"' && !(verbatim && doubled))
            {
                break;
            }

            if (c is '{' or '}' or '"' && doubled)
            {
                text.Append(c);
                position += 2;
            }
            else if (c == '{')
            {
                if (text.Length > 0)
                {
                    parts.Add(InterpolationPart.Literal(text.ToString()));
                    text.Clear();
                }

                parts.Add(ReadHole(source, position, end, out position));
            }
            else if (c == '}')
            {
                throw new ExpressionException("unexpected '}' in interpolated string (write '}}')", position, source);
            }
            else if (c == '\\' && !verbatim)
            {
                ReadEscape(source, ref position, end, text);
            }
            else
            {
                text.Append(c);
                position++;
            }
        }

        if (text.Length > 0)
        {
            parts.Add(InterpolationPart.Literal(text.ToString()));
        }

        next = position + 1;
        return parts;
    }

    private static InterpolationPart ReadHole(string source, int brace, int end, out int next)
    {
        var start = brace + 1;
        var position = SkipExpression(source, start, end);
        var expressionEnd = position;
        if (source[start..expressionEnd].Trim().Length == 0)
        {
            throw new ExpressionException("empty interpolation hole", brace, source);
        }

        int? alignment = null;
        string? format = null;
        if (source[position] == ',')
        {
            var alignmentStart = position + 1;
            position = SkipExpression(source, alignmentStart, end);
            var text = source[alignmentStart..position].Trim();
            alignment = int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var a)
                ? a
                : throw new ExpressionException("an alignment must be an integer constant", alignmentStart, source);
        }

        if (source[position] == ':')
        {
            var formatStart = position + 1;
            position = source.IndexOf('}', formatStart, end - formatStart);
            if (position < 0)
            {
                throw new ExpressionException("unterminated interpolation hole", brace, source);
            }

            format = source[formatStart..position];
        }

        next = position + 1;
        return InterpolationPart.Hole(start, expressionEnd, alignment, format);
    }

    /// <summary>The index of the ',', ':' or '}' that ends a hole's expression, skipping nested brackets and literals.</summary>
    private static int SkipExpression(string source, int position, int end)
    {
        var depth = 0;
        while (position < end)
        {
            var c = source[position];
            if (depth == 0 && c is ',' or ':' or '}')
            {
                return position;
            }

            switch (c)
            {
                case '(' or '[' or '{':
                    depth++;
                    position++;
                    break;
                case ')' or ']' or '}':
                    depth--;
                    position++;
                    break;
                case '\'':
                    ReadChar(source, position, end, out position);
                    break;
                case '"':
                    ReadString(source, position, end, verbatim: false, out position);
                    break;
                case '@' or '$' when LiteralPrefixLength(source, position, end) is var length and > 0:
                    var verbatim = source.AsSpan(position, length).Contains('@');
                    var quote = position + length;
                    if (source.AsSpan(position, length).Contains('$'))
                    {
                        ReadInterpolated(source, quote, end, verbatim, out position);
                    }
                    else
                    {
                        ReadString(source, quote, end, verbatim, out position);
                    }

                    break;
                default:
                    position++;
                    break;
            }
        }

        throw new ExpressionException("unterminated interpolation hole", position, source);
    }

    /// <summary>2 for $@" or @$", 1 for $" or @", 0 when no string literal starts here.</summary>
    public static int LiteralPrefixLength(string source, int position, int end)
    {
        if (position + 1 < end && source[position + 1] == '"')
        {
            return source[position] is '$' or '@' ? 1 : 0;
        }

        var pair = position + 2 < end && source[position + 2] == '"' ? source.Substring(position, 2) : "";
        return pair is "$@" or "@$" ? 2 : 0;
    }

    private static void ReadEscape(string source, ref int position, int end, StringBuilder into)
    {
        var start = position;
        if (position + 1 >= end)
        {
            throw new ExpressionException("unterminated escape sequence", start, source);
        }

        var c = source[position + 1];
        position += 2;
        switch (c)
        {
            case '\'' or '"' or '\\': into.Append(c); return;
            case '0': into.Append('\0'); return;
            case 'a': into.Append('\a'); return;
            case 'b': into.Append('\b'); return;
            case 'e': into.Append('\u001b'); return;
            case 'f': into.Append('\f'); return;
            case 'n': into.Append('\n'); return;
            case 'r': into.Append('\r'); return;
            case 't': into.Append('\t'); return;
            case 'v': into.Append('\v'); return;
            case 'u' or 'U' or 'x':
                var maximum = c == 'U' ? 8 : 4;
                var digits = 0;
                while (digits < maximum && position + digits < end && char.IsAsciiHexDigit(source[position + digits]))
                {
                    digits++;
                }

                if (digits == 0 || (c != 'x' && digits != maximum))
                {
                    throw new ExpressionException("invalid escape sequence", start, source);
                }

                var code = int.Parse(source.AsSpan(position, digits), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                position += digits;
                if (code > 0x10FFFF)
                {
                    throw new ExpressionException("invalid escape sequence", start, source);
                }

                if (code <= char.MaxValue)
                {
                    into.Append((char)code);
                }
                else
                {
                    into.Append(char.ConvertFromUtf32(code));
                }

                return;
            default:
                throw new ExpressionException($"unrecognized escape sequence '\\{c}'", start, source);
        }
    }
}
