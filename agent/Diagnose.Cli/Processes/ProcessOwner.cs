using System.Globalization;
using System.Runtime.InteropServices;

namespace Diagnose.Cli.Processes;

/// <summary>
/// Whose a process is, and whether this user may reach it: a runtime's diagnostics socket is its owner's only
/// (mode 0600), and <c>/proc/pid/maps</c> (where the tool sees whether Diagnose is loaded) is readable only by
/// its owner and root.
/// </summary>
internal static partial class ProcessOwner
{
    private const int WriteOk = 2;

    /// <summary>The effective user id of this tool.</summary>
    public static uint CurrentUid => GetEffectiveUid();

    /// <summary>The effective user id of the process (from <c>/proc/pid/status</c>), or null when it cannot be read.</summary>
    public static uint? UidOf(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("Uid:", StringComparison.Ordinal))
                {
                    var ids = line["Uid:".Length..].Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
                    return ids.Length > 1 && uint.TryParse(ids[1], NumberStyles.None, CultureInfo.InvariantCulture, out var uid) ? uid : null;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        return null;
    }

    /// <summary>The user's name from /etc/passwd, or <c>uid N</c> when it has none there.</summary>
    public static string NameOf(uint uid)
    {
        try
        {
            foreach (var line in File.ReadLines("/etc/passwd"))
            {
                var fields = line.Split(':');
                if (fields.Length > 2 && fields[2] == uid.ToString(CultureInfo.InvariantCulture))
                {
                    return fields[0];
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        return $"uid {uid}";
    }

    /// <summary>
    /// True when this user may connect to the socket and read the process's memory map; false when either is
    /// refused (root may always).
    /// </summary>
    public static bool MayReach(int pid, string socket)
    {
        if (CurrentUid == 0)
        {
            return true;
        }

        if (Access(socket, WriteOk) != 0)
        {
            return false;
        }

        try
        {
            using var maps = File.OpenRead($"/proc/{pid}/maps");
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
        catch (IOException)
        {
            return true; // gone meanwhile, or another problem that reaching it will name
        }
    }

    /// <summary>The user the process belongs to, by name ("root"), or "another user" when it cannot be read.</summary>
    public static string Describe(int pid) => UidOf(pid) is { } uid ? NameOf(uid) : "another user";

    /// <summary>"permission denied: process 4242 belongs to root; run diagnose as that user (…)", exit code 4.</summary>
    public static CliException Denied(int pid)
    {
        var owner = Describe(pid);
        var asOwner = owner == "another user" ? "run diagnose as that user (or with sudo)" : $"run diagnose as that user (or sudo -u {owner} {CommandLine()})";
        return new CliException(ExitCodes.PermissionDenied, $"permission denied: process {pid} belongs to {owner}; {asOwner}");
    }

    /// <summary>This command as typed, <c>diagnose probe ls 4242</c>, quoted where needed.</summary>
    private static string CommandLine()
    {
        var words = Environment.GetCommandLineArgs().Skip(1).Select(word => word.Length > 0 && word.All(c => char.IsLetterOrDigit(c) || "-_./=:,+@%".Contains(c)) ? word : "'" + word.Replace("'", "'\\''") + "'");
        return string.Join(' ', words.Prepend("diagnose"));
    }

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUid();

    [LibraryImport("libc", EntryPoint = "access", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Access(string path, int mode);
}
