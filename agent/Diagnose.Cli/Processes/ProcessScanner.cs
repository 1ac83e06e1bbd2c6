namespace Diagnose.Cli.Processes;

/// <summary>
/// Finds the .NET processes this user can reach: every runtime publishes a diagnostics socket
/// <c>dotnet-diagnostic-&lt;pid&gt;-&lt;key&gt;-socket</c> in its temporary directory (/tmp unless TMPDIR says otherwise).
/// Sockets left behind by processes that are gone, or whose pid another process now has, are skipped. (NETCore.Client's own listing reads every
/// process's environment, which fails where /proc/*/environ is not readable.)
/// </summary>
internal static class ProcessScanner
{
    public static IReadOnlyList<DotnetProcess> Scan(IEnumerable<string>? directories = null)
    {
        var places = (directories ?? DefaultDirectories()).Distinct(StringComparer.Ordinal);
        var pids = new SortedDictionary<int, string>();
        foreach (var directory in places)
        {
            try
            {
                foreach (var socket in Directory.EnumerateFiles(directory, "dotnet-diagnostic-*-socket"))
                {
                    if (DiagnosticsSocketName.Parse(Path.GetFileName(socket)) is { } parsed && DiagnosticsSocketName.IsOfRunningProcess(parsed))
                    {
                        pids.TryAdd(parsed.Pid, socket);
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Not a place we can look into.
            }
        }

        return pids.Where(p => p.Key != Environment.ProcessId && Directory.Exists($"/proc/{p.Key}")).Select(p => Describe(p.Key, p.Value)).OfType<DotnetProcess>().ToList();
    }

    /// <summary>The process, or null when it ended meanwhile; marked unknown, with its owner, when this user may not reach it.</summary>
    public static DotnetProcess? Describe(int pid, string socket)
    {
        var name = Read($"/proc/{pid}/comm")?.Trim();
        if (name is null)
        {
            return null;
        }

        var commandLine = Read($"/proc/{pid}/cmdline")?.TrimEnd('\0').Replace('\0', ' ') ?? string.Empty;
        var state = ProcessOwner.MayReach(pid, socket) ? StateOf(pid) : DiagnoseState.Unknown;
        return new DotnetProcess(pid, name, commandLine, state) { Owner = state == DiagnoseState.Unknown ? ProcessOwner.Describe(pid) : null };
    }

    private static DiagnoseState StateOf(int pid)
    {
        try
        {
            var state = DiagnoseState.None;
            foreach (var line in File.ReadLines($"/proc/{pid}/maps"))
            {
                if (line.EndsWith("/" + TargetProcess.AgentFileName, StringComparison.Ordinal))
                {
                    return DiagnoseState.Agent;
                }

                if (line.EndsWith("/" + TargetProcess.ProfilerFileName, StringComparison.Ordinal))
                {
                    state = DiagnoseState.Profiler;
                }
            }

            return state;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return DiagnoseState.Unknown;
        }
    }

    private static IEnumerable<string> DefaultDirectories()
    {
        yield return Path.GetTempPath();
        yield return "/tmp";
        if (Environment.GetEnvironmentVariable("TMPDIR") is { Length: > 0 } tmp)
        {
            yield return tmp;
        }
    }

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
