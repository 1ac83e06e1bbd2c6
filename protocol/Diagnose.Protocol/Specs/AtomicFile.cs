namespace Diagnose.Protocol.Specs;

/// <summary>Replaces a file's content all at once: readers see the old content or the new, never a mix.</summary>
internal static class AtomicFile
{
    /// <summary>
    /// Writes <paramref name="content"/> to a hidden temporary file beside <paramref name="path"/> (same file
    /// system), flushes it to disk, gives it the file's permissions and renames it over the file.
    /// Throws <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> when that is not allowed.
    /// </summary>
    internal static void Replace(string path, byte[] content)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows() && File.Exists(path))
            {
                File.SetUnixFileMode(temporary, File.GetUnixFileMode(path));
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // Nothing more to do: the temporary file is hidden and named as ours.
        }
    }
}
