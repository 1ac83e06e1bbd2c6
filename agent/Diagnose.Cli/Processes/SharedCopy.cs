namespace Diagnose.Cli.Processes;

/// <summary>
/// The profiler and the agent where a process can open them. The runtime of the process opens both paths itself,
/// in its own file system: a process in another container (a sidecar's app) does not see this installation. Then
/// the parts are copied into the folder where the process's diagnostics socket is (a /tmp both share, else the
/// socket could not be reached), and that copy is what the process loads: its image needs nothing of Diagnose.
/// </summary>
internal static class SharedCopy
{
    private const UnixFileMode ReadableByAll = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode Searchable = ReadableByAll | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
    private static readonly Dictionary<string, InstallLayout> s_copies = new(StringComparer.Ordinal);

    /// <summary>
    /// <paramref name="layout"/> when the process sees its files at the same paths (or this user may not look into
    /// its file system: then as before); else a copy in the shared folder, made once per folder for this run.
    /// </summary>
    /// <exception cref="CliException">Exit code 3: the process sees neither the installation nor the copy.</exception>
    public static InstallLayout For(TargetProcess process, InstallLayout layout)
    {
        var pid = process.Pid;
        if (OperatingSystem.IsWindows() || Sees(pid, layout) != false || TargetProcess.DiagnosticsSocket(pid) is not { } socket)
        {
            return layout;
        }

        var shared = Path.GetDirectoryName(socket)!;
        InstallLayout copy;
        lock (s_copies)
        {
            if (!s_copies.TryGetValue(shared, out copy!))
            {
                copy = Copy(layout, shared);
                s_copies[shared] = copy;
            }
        }

        if (Sees(pid, copy) != true)
        {
            throw new CliException(ExitCodes.Unreachable, $"process {pid} sees neither {layout.Home} nor the copy diagnose made in {copy.Home}: share {shared} with it at the same path (in Kubernetes an emptyDir at /tmp in both containers)");
        }

        Timing.Mark($"process {pid} loads the copy in {copy.Home}");
        return copy;
    }

    /// <summary>
    /// Whether the process finds each part at the same path, of the same size and time, through
    /// <c>/proc/pid/root</c> (its root as it sees it); null when this user may not look.
    /// </summary>
    internal static bool? Sees(int pid, InstallLayout layout)
    {
        var root = $"/proc/{pid}/root";
        if (!Directory.Exists(root + "/"))
        {
            return null;
        }

        return layout.Parts.All(part =>
        {
            var theirs = new FileInfo(root + part);
            var ours = new FileInfo(part);
            return theirs.Exists && theirs.Length == ours.Length && theirs.LastWriteTimeUtc == ours.LastWriteTimeUtc;
        });
    }

    /// <summary>
    /// A new folder of this user's with an unguessable name (no one else can have made it or can write into it),
    /// readable by all (the app may run as another user when diagnose runs as root), in the layout folder's shape.
    /// </summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static InstallLayout Copy(InstallLayout layout, string shared)
    {
        var home = Path.Combine(shared, $"diagnose-{Guid.NewGuid():N}");
        var native = Directory.CreateDirectory(Path.Combine(home, "native"), Searchable);
        var agent = Directory.CreateDirectory(Path.Combine(home, "agent"), Searchable);
        File.SetUnixFileMode(home, Searchable);
        foreach (var part in layout.Parts)
        {
            var destination = Path.Combine(part == layout.ProfilerPath ? native.FullName : agent.FullName, Path.GetFileName(part));
            File.Copy(part, destination);
            File.SetUnixFileMode(destination, ReadableByAll);
            File.SetLastWriteTimeUtc(destination, File.GetLastWriteTimeUtc(part));
        }

        return InstallLayout.In(home);
    }
}
