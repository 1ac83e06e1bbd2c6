namespace Diagnose.Symbols;

/// <summary>
/// Bounds on what symbol reading loads into the target process, and the one rule for which exceptions mean
/// "missing or unreadable symbols" (reported as a reason) rather than a bug.
/// </summary>
internal static class SymbolLimits
{
    /// <summary>A PDB file is memory-mapped, not read into the heap; larger files are refused.</summary>
    public const long MaxPdbFileBytes = 1L << 30;

    /// <summary>An embedded PDB is decompressed into the heap once per module; larger ones are refused.</summary>
    public const int MaxEmbeddedPdbBytes = 256 << 20;

    /// <summary>A source file (on disk or embedded, after decompression) is kept as lines; larger ones are refused.</summary>
    public const int MaxSourceBytes = 16 << 20;

    /// <summary>
    /// True for the exceptions that missing, unreadable, stale or corrupt symbol files produce (I/O and access
    /// errors, bad images, bad compressed data, out-of-range rows and offsets in a corrupt table), and those of
    /// reflection over metadata that does not resolve (an attribute or field type whose assembly is missing).
    /// </summary>
    public static bool IsReadFailure(Exception exception) => exception is IOException
        or UnauthorizedAccessException
        or BadImageFormatException
        or InvalidDataException
        or InvalidOperationException
        or ArgumentException
        or NotSupportedException
        or System.Security.SecurityException
        or OverflowException
        or TypeLoadException
        or MissingMemberException
        or FormatException;
}
