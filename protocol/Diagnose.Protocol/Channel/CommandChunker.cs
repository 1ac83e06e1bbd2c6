namespace Diagnose.Protocol.Channel;

/// <summary>Cuts a command into the parts that travel one per session (<see cref="CommandEnvelope"/>).</summary>
internal static class CommandChunker
{
    /// <summary>The parts of <paramref name="json"/> (UTF-8), each with at most <paramref name="maxPartChars"/> characters of data.</summary>
    /// <exception cref="ArgumentException">The command needs more than <see cref="ChannelContract.MaxParts"/> parts.</exception>
    internal static IReadOnlyList<CommandEnvelope> Split(string commandId, ReadOnlySpan<byte> json, int maxPartChars = ChannelContract.MaxPartChars)
    {
        if (!CommandEnvelope.IsValidId(commandId))
        {
            throw new ArgumentException($"'{commandId}' is not a valid command id", nameof(commandId));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPartChars);
        var text = Base64Url.Encode(json);
        var parts = Math.Max(1, (text.Length + maxPartChars - 1) / maxPartChars);
        if (parts > ChannelContract.MaxParts)
        {
            throw new ArgumentException($"the command is too large: {json.Length} bytes need {parts} parts, at most {ChannelContract.MaxParts} are allowed");
        }

        var envelopes = new CommandEnvelope[parts];
        for (var i = 0; i < parts; i++)
        {
            var start = i * maxPartChars;
            var data = text.Substring(start, Math.Min(maxPartChars, text.Length - start));
            envelopes[i] = new CommandEnvelope(ChannelContract.Version, commandId, i, parts, data);
        }

        return envelopes;
    }

    /// <summary>A new command id: 32 hexadecimal digits.</summary>
    internal static string NewId() => Guid.NewGuid().ToString("N");
}
