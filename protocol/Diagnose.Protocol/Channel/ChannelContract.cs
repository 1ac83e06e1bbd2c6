namespace Diagnose.Protocol.Channel;

/// <summary>
/// The fixed points of the control channel between the <c>diagnose</c> command and the agent in a target process
/// (README.md beside this file has the layouts). The protocol only grows by addition: a new command, a new optional
/// field, a new event with a new id; nothing here ever changes meaning.
/// </summary>
internal static class ChannelContract
{
    /// <summary>The EventSource (EventPipe provider) the agent registers and the tool enables.</summary>
    internal const string ProviderName = "Diagnose";

    /// <summary>
    /// The protocol version this build speaks. Both sides send theirs; each side accepts any version and ignores what
    /// it does not know (unknown fields, events, commands are reported, never fatal).
    /// </summary>
    internal const int Version = 1;

    /// <summary>Provider argument: the sender's protocol version (decimal).</summary>
    internal const string VersionKey = "DiagnoseProtocol";

    /// <summary>Provider argument: the command id (1–64 characters of <c>[A-Za-z0-9_-]</c>).</summary>
    internal const string CommandIdKey = "DiagnoseCommand";

    /// <summary>Provider argument: the 0-based index of this part of the command.</summary>
    internal const string PartKey = "DiagnosePart";

    /// <summary>Provider argument: how many parts the command has.</summary>
    internal const string PartsKey = "DiagnoseParts";

    /// <summary>Provider argument: this part of the command's UTF-8 JSON, base64url without padding.</summary>
    internal const string DataKey = "DiagnoseData";

    /// <summary>
    /// Characters of <see cref="DataKey"/> per part. A session request is one IPC message of at most 64 KiB with its
    /// strings in UTF-16, so a part stays well below 32 K characters; 16 000 leaves room for everything else.
    /// </summary>
    internal const int MaxPartChars = 16_000;

    /// <summary>Most parts of one command (about 6 MB of JSON).</summary>
    internal const int MaxParts = 512;

    /// <summary>Characters of result text per <c>CommandResult</c> event (EventPipe drops events near 64 KiB).</summary>
    internal const int MaxResultChars = 8_000;

    /// <summary>Longest command id.</summary>
    internal const int MaxCommandIdLength = 64;
}
