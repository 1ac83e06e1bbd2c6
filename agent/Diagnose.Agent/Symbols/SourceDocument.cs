using System.Text;

namespace Diagnose.Symbols;

/// <summary>
/// The text of one source document of a PDB, split into lines the way the C# compiler counts them (CR, LF, CRLF,
/// NEL, LS and PS end a line), so line N here is line N of the sequence points. Unavailable text carries a reason.
/// </summary>
internal sealed class SourceDocument
{
    private readonly string[]? _lines;

    private SourceDocument(string path, string[]? lines, bool isEmbedded, string? missingReason)
    {
        Path = path;
        _lines = lines;
        IsEmbedded = isEmbedded;
        MissingReason = missingReason;
    }

    /// <summary>The document as the PDB names it.</summary>
    public string Path { get; }

    public bool IsAvailable => _lines is not null;

    /// <summary>The text came from the PDB (EmbeddedSource), not from the file on disk.</summary>
    public bool IsEmbedded { get; }

    /// <summary>Why the text is unavailable; null when it is available.</summary>
    public string? MissingReason { get; }

    public int LineCount => _lines?.Length ?? 0;

    /// <summary>The text of a 1-based line without its line break, or null (no text, or out of range).</summary>
    public string? Line(int line) => _lines is not null && line >= 1 && line <= _lines.Length ? _lines[line - 1] : null;

    public static SourceDocument FromBytes(string path, ReadOnlySpan<byte> bytes, bool isEmbedded) =>
        new(path, SplitLines(Decode(bytes)), isEmbedded, null);

    public static SourceDocument Missing(string path, string reason) => new(path, null, false, reason);

    internal static string[] SplitLines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\r' or '\n' or '\u0085' or '\u2028' or '\u2029')
            {
                lines.Add(text[start..i]);
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        lines.Add(text[start..]);
        return lines.ToArray();
    }

    /// <summary>The encoding its byte order mark names, UTF-8 without one (what the compiler assumes too).</summary>
    private static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return Encoding.UTF8.GetString(bytes[3..]);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]))
        {
            return Encoding.UTF32.GetString(bytes[4..]);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Encoding.Unicode.GetString(bytes[2..]);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Encoding.BigEndianUnicode.GetString(bytes[2..]);
        }

        return Encoding.UTF8.GetString(bytes);
    }
}
