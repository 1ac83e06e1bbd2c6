namespace Diagnose.Protocol.Channel;

/// <summary>
/// Base64 with <c>-</c> and <c>_</c> for <c>+</c> and <c>/</c> and no <c>=</c> padding (RFC 4648 §5): text that
/// passes through EventPipe's <c>key=value;…</c> argument string untouched.
/// </summary>
internal static class Base64Url
{
    internal static string Encode(ReadOnlySpan<byte> bytes)
    {
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Decodes; false for text with other characters or an impossible length.</summary>
    internal static bool TryDecode(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length % 4 == 1)
        {
            return false;
        }

        var chars = new char[text.Length + ((4 - (text.Length % 4)) % 4)];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            chars[i] = c switch
            {
                '-' => '+',
                '_' => '/',
                _ when char.IsAsciiLetterOrDigit(c) => c,
                _ => '\0',
            };
            if (chars[i] == '\0')
            {
                return false;
            }
        }

        chars.AsSpan(text.Length).Fill('=');
        try
        {
            bytes = Convert.FromBase64CharArray(chars, 0, chars.Length);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
