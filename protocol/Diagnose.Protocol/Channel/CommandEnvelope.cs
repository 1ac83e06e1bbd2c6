using System.Globalization;

namespace Diagnose.Protocol.Channel;

/// <summary>
/// One part of a command as it travels: the provider arguments of one EventPipe session that enables the
/// <c>Diagnose</c> provider.
/// <code>
/// DiagnoseProtocol=1;DiagnoseCommand=&lt;id&gt;;DiagnosePart=0;DiagnoseParts=1;DiagnoseData=&lt;base64url of UTF-8 JSON&gt;
/// </code>
/// </summary>
/// <param name="Version">The sender's protocol version.</param>
/// <param name="CommandId">Names the command; results carry it back. Resending an id never runs the command twice.</param>
/// <param name="Part">This part's index, from 0.</param>
/// <param name="Parts">How many parts the command has.</param>
/// <param name="Data">This part of the base64url text.</param>
internal sealed record CommandEnvelope(int Version, string CommandId, int Part, int Parts, string Data)
{
    /// <summary>The provider arguments that carry this part.</summary>
    internal Dictionary<string, string> ToArguments() => new(StringComparer.Ordinal)
    {
        [ChannelContract.VersionKey] = Version.ToString(CultureInfo.InvariantCulture),
        [ChannelContract.CommandIdKey] = CommandId,
        [ChannelContract.PartKey] = Part.ToString(CultureInfo.InvariantCulture),
        [ChannelContract.PartsKey] = Parts.ToString(CultureInfo.InvariantCulture),
        [ChannelContract.DataKey] = Data,
    };

    /// <summary>True when <paramref name="arguments"/> carry a command at all (other sessions enable us too).</summary>
    internal static bool IsCommand(IDictionary<string, string?>? arguments) =>
        arguments is not null && arguments.ContainsKey(ChannelContract.CommandIdKey);

    /// <summary>
    /// Reads a part from provider arguments. Returns null and the reason when they do not make one; the reason names
    /// the command id when there is a usable one (<paramref name="commandId"/>), so it can be answered.
    /// </summary>
    internal static CommandEnvelope? Read(IDictionary<string, string?> arguments, out string? commandId, out string? error)
    {
        commandId = Get(arguments, ChannelContract.CommandIdKey);
        if (!IsValidId(commandId))
        {
            error = $"the command id must be 1 to {ChannelContract.MaxCommandIdLength} characters of A-Z a-z 0-9 _ -";
            commandId = null;
            return null;
        }

        if (!TryNumber(arguments, ChannelContract.VersionKey, 1, int.MaxValue, out var version)
            || !TryNumber(arguments, ChannelContract.PartsKey, 1, ChannelContract.MaxParts, out var parts)
            || !TryNumber(arguments, ChannelContract.PartKey, 0, parts - 1, out var part))
        {
            error = $"command {commandId}: {ChannelContract.VersionKey}, {ChannelContract.PartKey} and {ChannelContract.PartsKey} must be numbers (at most {ChannelContract.MaxParts} parts)";
            return null;
        }

        var data = Get(arguments, ChannelContract.DataKey) ?? string.Empty;
        if (data.Length > ChannelContract.MaxPartChars * 2)
        {
            error = $"command {commandId}: part {part} is longer than {ChannelContract.MaxPartChars * 2} characters";
            return null;
        }

        error = null;
        return new CommandEnvelope(version, commandId!, part, parts, data);
    }

    internal static bool IsValidId(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= ChannelContract.MaxCommandIdLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    private static string? Get(IDictionary<string, string?> arguments, string key) =>
        arguments.TryGetValue(key, out var value) ? value : null;

    private static bool TryNumber(IDictionary<string, string?> arguments, string key, int min, int max, out int value) =>
        int.TryParse(Get(arguments, key), NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
}
