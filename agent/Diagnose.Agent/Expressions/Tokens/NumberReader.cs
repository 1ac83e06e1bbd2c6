using System.Globalization;

namespace Diagnose.Expressions;

/// <summary>
/// Reads C# numeric literals: decimal, hex (0x) and binary (0b) integers with '_' separators and U/L/UL suffixes
/// (typed int → uint → long → ulong by value, as C# does), and reals with '.', exponents and F/D/M suffixes.
/// </summary>
internal static class NumberReader
{
    public static bool StartsNumber(string source, int position, int end) =>
        char.IsAsciiDigit(source[position]) ||
        (source[position] == '.' && position + 1 < end && char.IsAsciiDigit(source[position + 1]));

    /// <summary>Reads the literal at <paramref name="start"/>; <paramref name="next"/> is the index after it.</summary>
    public static object Read(string source, int start, int end, out int next)
    {
        var position = start;
        object value;
        if (source[position] == '0' && position + 1 < end && source[position + 1] is 'x' or 'X' or 'b' or 'B')
        {
            var hex = source[position + 1] is 'x' or 'X';
            position += 2;
            var digits = ReadDigits(source, ref position, end, hex ? char.IsAsciiHexDigit : c => c is '0' or '1');
            if (digits.Length == 0)
            {
                throw new ExpressionException("invalid number: digits expected", position, source);
            }

            var magnitude = ParseBase(digits, hex ? 16 : 2, start, source);
            value = IntegerOfSuffix(magnitude, ReadIntegerSuffix(source, ref position, end));
        }
        else
        {
            var text = ReadDigits(source, ref position, end, char.IsAsciiDigit);
            var isReal = false;
            if (position + 1 < end && source[position] == '.' && char.IsAsciiDigit(source[position + 1]))
            {
                position++;
                text += "." + ReadDigits(source, ref position, end, char.IsAsciiDigit);
                isReal = true;
            }

            if (position < end && source[position] is 'e' or 'E')
            {
                var exponentStart = position++;
                var sign = position < end && source[position] is '+' or '-' ? source[position++].ToString() : "";
                var exponent = ReadDigits(source, ref position, end, char.IsAsciiDigit);
                if (exponent.Length == 0)
                {
                    throw new ExpressionException("invalid number: exponent digits expected", exponentStart, source);
                }

                text += "e" + sign + exponent;
                isReal = true;
            }

            var realSuffix = position < end ? char.ToLowerInvariant(source[position]) : '\0';
            if (realSuffix is 'f' or 'd' or 'm')
            {
                position++;
                value = ParseReal(text, realSuffix, start, source);
            }
            else if (isReal)
            {
                value = ParseReal(text, 'd', start, source);
            }
            else
            {
                var magnitude = ParseBase(text, 10, start, source);
                value = IntegerOfSuffix(magnitude, ReadIntegerSuffix(source, ref position, end));
            }
        }

        if (position < end && (char.IsLetterOrDigit(source[position]) || source[position] == '_'))
        {
            throw new ExpressionException($"invalid number suffix '{source[position]}'", position, source);
        }

        next = position;
        return value;
    }

    private static string ReadDigits(string source, ref int position, int end, Func<char, bool> isDigit)
    {
        var start = position;
        while (position < end && (isDigit(source[position]) || (source[position] == '_' && position > start)))
        {
            position++;
        }

        return source[start..position].Replace("_", "", StringComparison.Ordinal);
    }

    private static ulong ParseBase(string digits, int radix, int start, string source)
    {
        ulong value = 0;
        foreach (var digit in digits)
        {
            var d = (ulong)(char.IsAsciiDigit(digit) ? digit - '0' : (digit | 0x20) - 'a' + 10);
            if (value > (ulong.MaxValue - d) / (ulong)radix)
            {
                throw new ExpressionException("integral constant is too large", start, source);
            }

            value = value * (ulong)radix + d;
        }

        return value;
    }

    private static string ReadIntegerSuffix(string source, ref int position, int end)
    {
        var suffix = "";
        while (position < end && suffix.Length < 2 && source[position] is 'u' or 'U' or 'l' or 'L')
        {
            var c = char.ToLowerInvariant(source[position]);
            if (suffix.Contains(c, StringComparison.Ordinal))
            {
                break;
            }

            suffix += c;
            position++;
        }

        return suffix;
    }

    private static object IntegerOfSuffix(ulong value, string suffix)
    {
        var unsigned = suffix.Contains('u', StringComparison.Ordinal);
        var isLong = suffix.Contains('l', StringComparison.Ordinal);
        if (!unsigned && !isLong && value <= int.MaxValue)
        {
            return (int)value;
        }

        if (!isLong && value <= uint.MaxValue)
        {
            return (uint)value;
        }

        if (!unsigned && value <= long.MaxValue)
        {
            return (long)value;
        }

        return value;
    }

    private static object ParseReal(string text, char suffix, int start, string source)
    {
        const NumberStyles style = NumberStyles.Float;
        var culture = CultureInfo.InvariantCulture;
        object? value = suffix switch
        {
            'f' => float.TryParse(text, style, culture, out var f) && float.IsFinite(f) ? f : null,
            'm' => decimal.TryParse(text, style, culture, out var m) ? m : null,
            _ => double.TryParse(text, style, culture, out var d) && double.IsFinite(d) ? d : null,
        };
        return value ?? throw new ExpressionException("real constant is out of range", start, source);
    }
}
