namespace Diagnose.Protocol.Channel;

/// <summary>
/// A result's JSON cut into <c>CommandResult</c> events of at most <see cref="ChannelContract.MaxResultChars"/>
/// characters, and put together again on the tool's side.
/// </summary>
internal sealed class ResultParts
{
    private readonly Dictionary<string, string?[]> _received = new(StringComparer.Ordinal);

    internal static IReadOnlyList<string> Split(string text, int maxChars = ChannelContract.MaxResultChars)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxChars);
        if (text.Length <= maxChars)
        {
            return [text];
        }

        var parts = new List<string>();
        for (var start = 0; start < text.Length; start += maxChars)
        {
            var length = Math.Min(maxChars, text.Length - start);
            if (start + length < text.Length && char.IsHighSurrogate(text[start + length - 1]))
            {
                length--; // never split a surrogate pair: each part is written as a UTF-16 string of its own
            }

            parts.Add(text.Substring(start, length));
            start -= maxChars - length;
        }

        return parts;
    }

    /// <summary>Adds a part of the result of <paramref name="commandId"/>; returns the whole text once every part is here.</summary>
    internal string? Add(string commandId, int part, int parts, string text)
    {
        if (parts <= 0 || part < 0 || part >= parts)
        {
            return null;
        }

        if (parts == 1)
        {
            return text;
        }

        if (!_received.TryGetValue(commandId, out var received) || received.Length != parts)
        {
            _received[commandId] = received = new string?[parts];
        }

        received[part] = text;
        if (received.Any(r => r is null))
        {
            return null;
        }

        _received.Remove(commandId);
        return string.Concat(received);
    }
}
