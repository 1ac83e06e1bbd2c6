namespace Diagnose.Protocol.Specs;

/// <summary>
/// The secret that signs and checks specs (HMAC-SHA256), read from a key file: base64 text of at least
/// <see cref="MinBytes"/> bytes (<c>openssl rand -base64 32 &gt; diagnose.key</c>), whitespace and line breaks
/// around or inside it ignored. The key is never shown: <see cref="ToString"/> names the file only, and no error
/// quotes the file's content.
/// </summary>
internal sealed class SpecKey
{
    /// <summary>HMAC-SHA256 wants a key as long as its output: 32 bytes.</summary>
    internal const int MinBytes = 32;

    private const string WhatToDo = "give a file holding a base64 key of at least 32 bytes, e.g. made with 'openssl rand -base64 32 > diagnose.key; chmod 600 diagnose.key'";

    private SpecKey(string file, byte[] bytes)
    {
        File = file;
        Bytes = bytes;
    }

    /// <summary>The key file's path (shown in messages instead of the key).</summary>
    internal string File { get; }

    internal byte[] Bytes { get; }

    /// <summary>Reads a key file.</summary>
    /// <exception cref="InvalidDataException">It cannot be read, is not base64 or is too short; the message names the file and what to do.</exception>
    internal static SpecKey Read(string path)
    {
        string text;
        try
        {
            text = System.IO.File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InvalidDataException($"cannot read the key file {path}: {e.Message}; {WhatToDo}");
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(string.Concat(text.Where(c => !char.IsWhiteSpace(c))));
        }
        catch (FormatException)
        {
            throw new InvalidDataException($"the key file {path} does not hold base64 text; {WhatToDo}");
        }

        if (bytes.Length < MinBytes)
        {
            throw new InvalidDataException($"the key in {path} is {bytes.Length} bytes, too short to sign with; {WhatToDo}");
        }

        return new SpecKey(path, bytes);
    }

    /// <inheritdoc/>
    public override string ToString() => $"the key in {File}";
}
