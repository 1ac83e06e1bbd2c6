using System.IO.Compression;
using System.Reflection.Metadata;
using System.Security.Cryptography;

namespace Diagnose.Symbols;

/// <summary>
/// Reads the text of a PDB document: the source embedded in the PDB when present (it is exactly what was compiled),
/// otherwise the file at the document's path, used only when its checksum matches the one the PDB records (an
/// edited file would show the wrong lines). Never throws for missing or corrupt data.
/// </summary>
internal static class SourceReader
{
    /// <summary>Custom debug information kind "EmbeddedSource" (parent: Document).</summary>
    private static readonly Guid EmbeddedSourceKind = new("0E8A571B-6926-466E-B4AD-8AB04611F5FE");

    private static readonly Guid Sha1 = new("FF1816EC-AA5E-4D10-87F7-6F4963833460");

    private static readonly Guid Sha256 = new("8829D00F-11B8-4213-878B-770E8597AC16");

    public static SourceDocument Read(MetadataReader reader, DocumentHandle handle, string path)
    {
        try
        {
            var embedded = FindEmbedded(reader, handle);
            return embedded.IsNil ? FromDisk(reader, reader.GetDocument(handle), path) : FromEmbedded(path, reader.GetBlobReader(embedded));
        }
        catch (Exception e) when (SymbolLimits.IsReadFailure(e))
        {
            return SourceDocument.Missing(path, $"unreadable source ({e.GetType().Name}: {e.Message})");
        }
    }

    private static BlobHandle FindEmbedded(MetadataReader reader, DocumentHandle handle)
    {
        foreach (var info in reader.GetCustomDebugInformation(handle))
        {
            var entry = reader.GetCustomDebugInformation(info);
            if (reader.GetGuid(entry.Kind) == EmbeddedSourceKind)
            {
                return entry.Value;
            }
        }

        return default;
    }

    /// <summary>Blob: format (int32: 0 = raw bytes, &gt; 0 = deflate-compressed, the value being the raw size), content.</summary>
    private static SourceDocument FromEmbedded(string path, BlobReader blob)
    {
        var format = blob.ReadInt32();
        if (format < 0)
        {
            return SourceDocument.Missing(path, $"embedded source in an unknown format ({format})");
        }

        var size = format == 0 ? blob.RemainingBytes : format;
        if (size > SymbolLimits.MaxSourceBytes)
        {
            return SourceDocument.Missing(path, $"embedded source of {size} bytes, over the limit");
        }

        var content = blob.ReadBytes(blob.RemainingBytes);
        if (format == 0)
        {
            return SourceDocument.FromBytes(path, content, isEmbedded: true);
        }

        var text = new byte[size];
        using (var deflate = new DeflateStream(new MemoryStream(content), CompressionMode.Decompress))
        {
            deflate.ReadExactly(text);
        }

        return SourceDocument.FromBytes(path, text, isEmbedded: true);
    }

    private static SourceDocument FromDisk(MetadataReader reader, Document document, string path)
    {
        if (!File.Exists(path))
        {
            return SourceDocument.Missing(path, "no embedded source and no file at the document's path");
        }

        if (new FileInfo(path).Length > SymbolLimits.MaxSourceBytes)
        {
            return SourceDocument.Missing(path, "the source file is over the size limit");
        }

        var bytes = File.ReadAllBytes(path);
        var algorithm = document.HashAlgorithm.IsNil ? Guid.Empty : reader.GetGuid(document.HashAlgorithm);
        var expected = document.Hash.IsNil ? [] : reader.GetBlobBytes(document.Hash);
        byte[]? actual = algorithm == Sha256 ? SHA256.HashData(bytes) : algorithm == Sha1 ? SHA1.HashData(bytes) : null;
        if (actual is not null && expected.Length > 0 && !actual.AsSpan().SequenceEqual(expected))
        {
            return SourceDocument.Missing(path, "the file on disk differs from the compiled one (checksum mismatch)");
        }

        return SourceDocument.FromBytes(path, bytes, isEmbedded: false);
    }
}
