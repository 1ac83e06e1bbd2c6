using System.Runtime.InteropServices;

namespace Diagnose.Protocol.Specs;

/// <summary>Replaces a file's content all at once: readers see the old content or the new, never a mix.</summary>
internal static class AtomicFile
{
    private const int AtCurrentDirectory = -100;
    private const uint RenameExchange = 2;

    private static volatile bool s_noExchange;

    /// <summary>
    /// Writes <paramref name="content"/> to a hidden temporary file beside <paramref name="path"/> (same file
    /// system), flushes it to disk, gives it the file's permissions and renames it over the file.
    /// Throws <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> when that is not allowed.
    /// </summary>
    internal static void Replace(string path, byte[] content)
    {
        var temporary = WriteBeside(path, content);
        try
        {
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>
    /// Like <see cref="Replace"/>, and returns the content that was at <paramref name="path"/> at the very moment it
    /// was replaced, so that a caller that read the file earlier can tell whether somebody replaced it in between.
    /// </summary>
    /// <remarks>
    /// The two files are exchanged in one step (Linux <c>renameat2(RENAME_EXCHANGE)</c>), and what was at the path
    /// is then read from where the new content had been. Where the file system cannot exchange, the file is read just
    /// before it is renamed over, which leaves a window of microseconds.
    /// </remarks>
    internal static byte[] Swap(string path, byte[] content)
    {
        var temporary = WriteBeside(path, content);
        try
        {
            if (TryExchange(temporary, path))
            {
                return File.ReadAllBytes(temporary);
            }

            var displaced = File.ReadAllBytes(path);
            File.Move(temporary, path, overwrite: true);
            return displaced;
        }
        finally
        {
            TryDelete(temporary);
        }
    }

    private static string WriteBeside(string path, byte[] content)
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

            return temporary;
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>True when the two paths' files were exchanged; false when this system cannot (nothing changed).</summary>
    private static bool TryExchange(string first, string second)
    {
        if (s_noExchange || !OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            if (renameat2(AtCurrentDirectory, first, AtCurrentDirectory, second, RenameExchange) == 0)
            {
                return true;
            }
        }
        catch (Exception error) when (error is EntryPointNotFoundException or DllNotFoundException)
        {
            s_noExchange = true;
            return false;
        }

        var errno = Marshal.GetLastPInvokeError();
        const int NoSuchFile = 2, NotSupportedHere = 22, NoSystemCall = 38, NotSupported = 95;
        if (errno is NotSupportedHere or NoSystemCall or NotSupported)
        {
            s_noExchange = true;
            return false;
        }

        if (errno == NoSuchFile)
        {
            return false; // the file is gone: the plain rename recreates it, as Replace does
        }

        throw new IOException($"cannot exchange {first} with {second}: errno {errno}");
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

#pragma warning disable SA1300, IDE1006 // the C library's name
    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi)]
    private static extern int renameat2(int oldDirectory, string oldPath, int newDirectory, string newPath, uint flags);
#pragma warning restore SA1300, IDE1006
}
