using System.Diagnostics;
using Microsoft.Diagnostics.NETCore.Client;

namespace Diagnose.Cli.Processes;

/// <summary>A process the tool works on, checked to exist and to be a reachable .NET process.</summary>
internal sealed class TargetProcess
{
    public const string ProfilerFileName = "libDiagnose.Profiler.so";
    public const string AgentFileName = "Diagnose.Agent.dll";

    private TargetProcess(int pid) => Pid = pid;

    public int Pid { get; }

    /// <exception cref="CliException">
    /// Exit code 3: no such process, or not a .NET process with a diagnostics channel; exit code 4: it belongs to a
    /// user whose socket or /proc entries this user may not use.
    /// </exception>
    public static TargetProcess Find(int pid)
    {
        if (pid <= 0 || !Exists(pid))
        {
            throw NotFound(pid);
        }

        if (DiagnosticsSocket(pid) is not { } socket)
        {
            var owner = ProcessOwner.UidOf(pid) is { } uid && uid != ProcessOwner.CurrentUid ? $"; it belongs to {ProcessOwner.NameOf(uid)}" : string.Empty;
            throw new CliException(ExitCodes.Unreachable, $"process {pid} is not a .NET process that can be reached (no diagnostics channel{owner}; is DOTNET_EnableDiagnostics=0 set, or does it run in another /tmp?)");
        }

        if (!ProcessOwner.MayReach(pid, socket))
        {
            throw ProcessOwner.Denied(pid);
        }

        return new TargetProcess(pid);
    }

    public DiagnosticsClient Client() => new(Pid);

    /// <summary>"process 4242 was not found; …", exit code 3.</summary>
    public static CliException NotFound(int pid) =>
        new(ExitCodes.Unreachable, $"process {pid} was not found; 'diagnose ps' lists the .NET processes you can reach");

    /// <summary>True when the process exists (and has not exited).</summary>
    public static bool IsRunning(int pid) => pid > 0 && Exists(pid);

    /// <summary>
    /// The runtime's diagnostics socket of the process: <c>dotnet-diagnostic-{pid}-{key}-socket</c> in the process's
    /// TMPDIR (read from its environment when we may), else /tmp. Null when it has none; a socket left behind by an
    /// earlier process with the same pid does not count.
    /// </summary>
    public static string? DiagnosticsSocket(int pid)
    {
        var directories = new List<string>();
        if (ProcessEnvironment.Read(pid) is { } environment && environment.TryGetValue("TMPDIR", out var tmp) && tmp.Length > 0)
        {
            directories.Add(tmp);
        }

        directories.Add(Path.GetTempPath());
        directories.Add("/tmp");
        foreach (var directory in directories.Distinct())
        {
            try
            {
                var socket = Directory.GetFiles(directory, $"dotnet-diagnostic-{pid}-*-socket").FirstOrDefault(s => DiagnosticsSocketName.IsOfRunningProcess(Path.GetFileName(s)));
                if (socket is not null)
                {
                    return socket;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Try the next place.
            }
        }

        return null;
    }

    /// <summary>True when a file of that name is mapped into the process (a loaded native library or assembly).</summary>
    /// <exception cref="CliException">Exit code 4: this user may not read the process's memory map.</exception>
    public bool HasLoaded(string fileName) => MappedFiles(Pid).Any(path => path.EndsWith("/" + fileName, StringComparison.Ordinal));

    /// <summary>
    /// The files mapped into the process, from <c>/proc/pid/maps</c>, each once, in the order first mapped (loaded
    /// assemblies and native libraries; a file deleted since it was mapped is left out). Empty when the process is
    /// gone.
    /// </summary>
    /// <exception cref="CliException">Exit code 4: this user may not read the process's memory map.</exception>
    public static IReadOnlyList<string> MappedFiles(int pid)
    {
        try
        {
            var files = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var line in File.ReadLines($"/proc/{pid}/maps"))
            {
                // address perms offset dev inode path: the path starts at the first '/' after the inode.
                var slash = line.IndexOf('/');
                if (slash >= 0 && !line.EndsWith(" (deleted)", StringComparison.Ordinal) && seen.Add(line[slash..]))
                {
                    files.Add(line[slash..]);
                }
            }

            return files;
        }
        catch (IOException)
        {
            return [];
        }
        catch (UnauthorizedAccessException)
        {
            throw ProcessOwner.Denied(pid);
        }
    }

    private static bool Exists(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
