using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Diagnose.Cli.Channel;
using Diagnose.Cli.Processes;
using Diagnose.Cli.Stores;
using Diagnose.Protocol.Channel;

namespace Diagnose.Cli.Doctor;

/// <summary>
/// The checks of <c>diagnose doctor</c>: whether this tool could attach to a process (or, without one, whether this
/// machine is set up for it), each with what was found and what to do. Nothing is loaded into the process: it reads
/// /proc, the runtime's files and the diagnostics socket, and asks an agent that is there already for its version.
/// </summary>
internal static class ProcessDoctor
{
    private static readonly string[] s_diagnosticsSwitches =
        ["DOTNET_EnableDiagnostics", "COMPlus_EnableDiagnostics", "DOTNET_EnableDiagnostics_IPC", "DOTNET_EnableDiagnostics_Profiler"];

    /// <summary>This tool's version, without the source revision ("1.0.0").</summary>
    public static string CliVersion => Plain(typeof(ProcessDoctor).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0");

    /// <summary>The checks of this machine: the installation, this tool's runtime, /tmp, the processes in sight, the store.</summary>
    public static IReadOnlyList<DoctorCheck> Local(string? store)
    {
        var checks = new List<DoctorCheck>
        {
            DoctorCheck.Ok("diagnose", $"{CliVersion} on .NET {Environment.Version}"),
            Installation(out _),
            TempDirectory(),
        };
        var processes = ProcessScanner.Scan();
        checks.Add(processes.Count > 0
            ? DoctorCheck.Ok("processes", $"{processes.Count} .NET process{(processes.Count == 1 ? "" : "es")} in sight ({string.Join(", ", processes.Take(5).Select(p => $"{p.Pid} {p.Name}"))}{(processes.Count > 5 ? ", …" : "")})")
            : DoctorCheck.Warn("processes", "no .NET process is in sight (no diagnostics socket in /tmp or TMPDIR)", InContainer()
                ? "in a pod, the app and this container need shareProcessNamespace: true and one emptyDir volume at /tmp in both (see deploy/)"
                : "start the app, or run diagnose as the app's user with the app's TMPDIR"));
        if (store is not null)
        {
            checks.Add(Store(store));
        }

        return checks;
    }

    /// <summary>The checks of one process, in the order a failure further up explains the ones below it.</summary>
    public static IReadOnlyList<DoctorCheck> Of(int pid, string? store)
    {
        var checks = new List<DoctorCheck>();
        if (!TargetProcess.IsRunning(pid))
        {
            checks.Add(DoctorCheck.Fail("process", $"process {pid} was not found", InContainer()
                ? "'diagnose ps' lists the .NET processes in sight; in a pod, the sidecar sees the app only with shareProcessNamespace: true"
                : "'diagnose ps' lists the .NET processes you can reach"));
            return checks;
        }

        var name = ReadText($"/proc/{pid}/comm")?.Trim() ?? "?";
        var owner = ProcessOwner.UidOf(pid);
        var mine = owner is null || owner == ProcessOwner.CurrentUid || ProcessOwner.CurrentUid == 0;
        checks.Add(mine
            ? DoctorCheck.Ok("process", $"{pid} {name}, user {(owner is { } uid ? ProcessOwner.NameOf(uid) : "?")}")
            : DoctorCheck.Fail("process", $"{pid} {name} belongs to {ProcessOwner.NameOf(owner!.Value)}, not to you ({ProcessOwner.NameOf(ProcessOwner.CurrentUid)})", $"run diagnose as that user: sudo -u {ProcessOwner.NameOf(owner.Value)} diagnose doctor {pid}"));

        IReadOnlyList<string>? mapped;
        try
        {
            mapped = TargetProcess.MappedFiles(pid);
        }
        catch (CliException)
        {
            mapped = null;
        }

        var environment = ProcessEnvironment.Read(pid);
        var runtime = Runtime(pid, mapped);
        checks.Add(runtime);
        if (runtime.Status == CheckStatus.Fail && mapped is not null)
        {
            return checks; // not a .NET process: nothing below applies
        }

        checks.Add(DiagnosticsSwitches(environment));
        var socket = TargetProcess.DiagnosticsSocket(pid);
        checks.Add(Socket(pid, socket, environment));
        checks.Add(SharedTemp(pid, socket));
        checks.Add(Profiler(mapped, environment));
        checks.Add(Loaded(pid, mapped, socket));
        var installation = Installation(out var layout);
        checks.Add(layout is null ? installation : Visible(pid, layout, installation));
        if (environment is not null && environment.TryGetValue("DIAGNOSE_SPECS", out var specs) && specs.Length > 0)
        {
            checks.Add(File.Exists(InRootOf(pid, specs)) || Directory.Exists(InRootOf(pid, specs))
                ? DoctorCheck.Ok("specs", $"DIAGNOSE_SPECS={specs} exists where the process looks")
                : DoctorCheck.Warn("specs", $"DIAGNOSE_SPECS={specs}, which the process cannot see", "mount the specs there (a ConfigMap volume), or give attach --specs a path the process sees"));
        }

        if (store is not null)
        {
            checks.Add(Store(store));
        }

        checks.Add(Namespaces(pid));
        return checks;
    }

    private static DoctorCheck Runtime(int pid, IReadOnlyList<string>? mapped)
    {
        if (mapped is null)
        {
            return DoctorCheck.Fail("runtime", "unknown: its memory map is not yours to read", "run diagnose as the process's user");
        }

        var coreLib = mapped.FirstOrDefault(p => p.EndsWith("/System.Private.CoreLib.dll", StringComparison.Ordinal));
        if (coreLib is null)
        {
            return DoctorCheck.Fail("runtime", "no CoreCLR runtime is loaded (no System.Private.CoreLib.dll mapped)", "Diagnose works with .NET (CoreCLR) 8 or later processes; 'diagnose ps' lists them");
        }

        var version = RuntimeVersion(pid, coreLib);
        if (version is null)
        {
            return DoctorCheck.Warn("runtime", $"version unknown ({coreLib})", "Diagnose needs .NET 8 or later");
        }

        return version.Major >= 8
            ? DoctorCheck.Ok("runtime", $".NET {version} (8 or later needed)")
            : DoctorCheck.Fail("runtime", $".NET {version}: too old to load the agent after start", "move the app to .NET 8 or later");
    }

    /// <summary>
    /// The runtime's version: the folder of a shared framework (<c>…/Microsoft.NETCore.App/10.0.0/</c>), or the
    /// product version of System.Private.CoreLib of a self-contained app.
    /// </summary>
    private static Version? RuntimeVersion(int pid, string coreLib)
    {
        var folder = Path.GetDirectoryName(coreLib);
        if (folder is not null && Path.GetFileName(Path.GetDirectoryName(folder)) == "Microsoft.NETCore.App" && Version.TryParse(Plain(Path.GetFileName(folder)), out var shared))
        {
            return shared;
        }

        foreach (var path in new[] { coreLib, InRootOf(pid, coreLib) })
        {
            try
            {
                if (File.Exists(path) && FileVersionInfo.GetVersionInfo(path).ProductVersion is { } product && Version.TryParse(Plain(product), out var own))
                {
                    return own;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }

        return null;
    }

    private static DoctorCheck DiagnosticsSwitches(IReadOnlyDictionary<string, string>? environment)
    {
        if (environment is null)
        {
            return DoctorCheck.Warn("diagnostics", "unknown: its environment is not yours to read", "run diagnose as the process's user");
        }

        var off = s_diagnosticsSwitches.Where(s => environment.TryGetValue(s, out var value) && value.Trim() == "0").ToList();
        return off.Count == 0
            ? DoctorCheck.Ok("diagnostics", $"on ({string.Join(", ", s_diagnosticsSwitches.Take(1))} is not 0)")
            : DoctorCheck.Fail("diagnostics", $"switched off: {string.Join(", ", off.Select(s => s + "=0"))}", "restart the process without that variable (or, on .NET 8+, with only DOTNET_EnableDiagnostics_Debugger=0 if the debugger is what you want off)");
    }

    private static DoctorCheck Socket(int pid, string? socket, IReadOnlyDictionary<string, string>? environment)
    {
        if (socket is null)
        {
            var own = OwnTempSocket(pid);
            if (own is not null)
            {
                return DoctorCheck.Fail("socket", $"{own} is in the process's own /tmp, not in this tool's", "share /tmp: one emptyDir volume at /tmp in the app's and the sidecar's containers (deploy/kubernetes), or run diagnose inside the app's mount namespace (nsenter -t " + pid.ToString(CultureInfo.InvariantCulture) + " -m)");
            }

            var tmp = environment is not null && environment.TryGetValue("TMPDIR", out var dir) ? dir : null;
            return DoctorCheck.Fail("socket", $"no diagnostics socket dotnet-diagnostic-{pid}-*-socket in {tmp ?? "/tmp"}", "the runtime makes it at start unless diagnostics are off (see above); a process started before /tmp was cleaned has lost it: restart it");
        }

        if (!ProcessOwner.MayReach(pid, socket))
        {
            return DoctorCheck.Fail("socket", $"{socket}: only its owner may connect", $"run diagnose as {ProcessOwner.Describe(pid)}");
        }

        try
        {
            var variables = new Microsoft.Diagnostics.NETCore.Client.DiagnosticsClient(pid).GetProcessEnvironment();
            return DoctorCheck.Ok("socket", $"{socket} answers ({variables.Count} variables read through it)");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return DoctorCheck.Fail("socket", $"{socket} does not answer: {e.Message}", "the process may be hung or shutting down; 'diagnose ps' shows whether it is still there");
        }
    }

    /// <summary>Its socket in its own /tmp, seen through <c>/proc/pid/root</c>, when that is not this tool's /tmp.</summary>
    private static string? OwnTempSocket(int pid)
    {
        try
        {
            var theirs = Directory.GetFiles($"/proc/{pid}/root/tmp", $"dotnet-diagnostic-{pid}-*-socket").FirstOrDefault();
            return theirs is not null && !File.Exists(Path.Combine("/tmp", Path.GetFileName(theirs))) ? "/tmp/" + Path.GetFileName(theirs) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static DoctorCheck SharedTemp(int pid, string? socket)
    {
        var same = Namespace("self", "mnt") is { } mine && Namespace(pid.ToString(CultureInfo.InvariantCulture), "mnt") == mine;
        if (same)
        {
            return DoctorCheck.Ok("tmp", "shared with this tool (same mount namespace)");
        }

        return socket is not null
            ? DoctorCheck.Ok("tmp", "shared: the process has its own mount namespace and its socket is visible here")
            : DoctorCheck.Fail("tmp", "not shared: the process has its own mount namespace and its socket is not visible here", "mount one volume at /tmp in both (an emptyDir in a pod; -v in compose)");
    }

    private static DoctorCheck Profiler(IReadOnlyList<string>? mapped, IReadOnlyDictionary<string, string>? environment)
    {
        var ours = mapped?.FirstOrDefault(p => p.EndsWith("/" + TargetProcess.ProfilerFileName, StringComparison.Ordinal));
        var other = mapped?.FirstOrDefault(p => KnownProfilers.ProductOf(p) is not null);
        string? configured = null;
        if (environment is not null && environment.TryGetValue("CORECLR_ENABLE_PROFILING", out var enabled) && enabled.Trim() == "1")
        {
            var path = environment.TryGetValue("CORECLR_PROFILER_PATH_64", out var path64) ? path64 : environment.GetValueOrDefault("CORECLR_PROFILER_PATH");
            if (path is null || Path.GetFileName(path) != TargetProcess.ProfilerFileName)
            {
                configured = path ?? $"CLSID {environment.GetValueOrDefault("CORECLR_PROFILER")}";
                if (other is null && mapped?.Contains(configured) == true)
                {
                    other = configured;
                }
            }
        }

        if (other is not null)
        {
            return DoctorCheck.Fail("profiler", $"another profiler is loaded: {KnownProfilers.Describe(other)}; a process has one profiler", "Diagnose cannot attach beside it: restart the process without it (CORECLR_ENABLE_PROFILING, CORECLR_PROFILER…) to use Diagnose");
        }

        if (ours is not null)
        {
            return DoctorCheck.Ok("profiler", $"Diagnose's ({ours})");
        }

        if (configured is not null)
        {
            return DoctorCheck.Warn("profiler", $"CORECLR_PROFILER names another profiler, {KnownProfilers.Describe(configured)}, which is not loaded", "if the runtime loads it later Diagnose cannot attach; unset CORECLR_ENABLE_PROFILING when you do not need it");
        }

        return mapped is null
            ? DoctorCheck.Warn("profiler", "unknown: its memory map is not yours to read", "run diagnose as the process's user")
            : DoctorCheck.Ok("profiler", "none loaded: Diagnose's can attach");
    }

    private static DoctorCheck Loaded(int pid, IReadOnlyList<string>? mapped, string? socket)
    {
        if (mapped is null)
        {
            return DoctorCheck.Warn("agent", "unknown: its memory map is not yours to read", "run diagnose as the process's user");
        }

        var profiler = mapped.Any(p => p.EndsWith("/" + TargetProcess.ProfilerFileName, StringComparison.Ordinal));
        var agent = mapped.Any(p => p.EndsWith("/" + TargetProcess.AgentFileName, StringComparison.Ordinal));
        if (!agent)
        {
            return profiler
                ? DoctorCheck.Warn("agent", "the profiler is loaded but the agent is not", $"'diagnose attach {pid}' loads the agent")
                : DoctorCheck.Ok("agent", $"Diagnose is not loaded: 'diagnose attach {pid}' loads it");
        }

        if (socket is null)
        {
            return DoctorCheck.Warn("agent", "loaded, but its channel cannot be reached (see socket)", "fix the socket first");
        }

        try
        {
            var info = new AgentConnection(pid).Send(ChannelCommand.Hello(), TimeSpan.FromSeconds(10)).Agent;
            if (info is null)
            {
                return DoctorCheck.Warn("agent", "loaded, but it did not say who it is", "restart the process to load this version of Diagnose");
            }

            if (info.Protocol != ChannelContract.Version)
            {
                return DoctorCheck.Fail("agent", $"Diagnose {Plain(info.Version)} speaks protocol {info.Protocol}, this tool {ChannelContract.Version}", $"use the diagnose of version {Plain(info.Version)} with this process, or restart it to load {CliVersion}");
            }

            return Plain(info.Version) == CliVersion
                ? DoctorCheck.Ok("agent", $"Diagnose {CliVersion} is loaded and answers")
                : DoctorCheck.Warn("agent", $"Diagnose {Plain(info.Version)} is loaded; this tool is {CliVersion} (same protocol {info.Protocol}: probes work)", "restart the process to load the new agent when you want its changes");
        }
        catch (CliException e)
        {
            return DoctorCheck.Fail("agent", $"loaded, but it does not answer: {e.Message}", "see the process's standard error for the agent's messages");
        }
    }

    private static DoctorCheck Installation(out InstallLayout? layout)
    {
        try
        {
            layout = InstallLayout.Find();
            return DoctorCheck.Ok("installation", $"{layout.Home}: profiler and agent present");
        }
        catch (CliException e)
        {
            layout = null;
            return DoctorCheck.Fail("installation", e.Message, "reinstall diagnose, or set DIAGNOSE_HOME to the folder that has native/ and agent/");
        }
    }

    /// <summary>Whether the process sees the profiler and agent files at the paths attach will give it.</summary>
    private static DoctorCheck Visible(int pid, InstallLayout layout, DoctorCheck installation) => SharedCopy.Sees(pid, layout) switch
    {
        true => installation,
        false => DoctorCheck.Warn("installation", $"the process cannot see {layout.ProfilerPath} and {layout.AgentPath} (it has its own mount namespace); attach copies them into the /tmp it shares with this tool", "nothing to do when /tmp is shared (above); otherwise share it, as deploy/ does"),
        null => DoctorCheck.Warn("installation", $"{layout.Home}: present here; whether the process sees it is unknown", "run diagnose as the process's user"),
    };

    private static DoctorCheck Store(string store)
    {
        try
        {
            var problems = new List<string>();
            var specs = StoreLocation.Open(store, problems.Add).Load();
            return problems.Count == 0
                ? DoctorCheck.Ok("store", $"{StoreLocation.Describe(store)}: {specs.Count} spec{(specs.Count == 1 ? "" : "s")} read")
                : DoctorCheck.Warn("store", $"{StoreLocation.Describe(store)}: {specs.Count} specs read; {string.Join("; ", problems)}", "fix the files named");
        }
        catch (Exception e) when (e is CliException or IOException or UnauthorizedAccessException or Npgsql.NpgsqlException or InvalidOperationException)
        {
            return DoctorCheck.Fail("store", $"{StoreLocation.Describe(store)} cannot be read: {e.Message}", "check the path or address and that this user may read it");
        }
    }

    private static DoctorCheck Namespaces(int pid)
    {
        var theirs = Namespace(pid.ToString(CultureInfo.InvariantCulture), "pid");
        var mine = Namespace("self", "pid");
        return DoctorCheck.Ok("container", theirs is null || theirs == mine
            ? $"same process namespace{(InContainer() ? " (in a container)" : "")}"
            : "the process is in another process namespace (seen from outside it)");
    }

    private static bool InContainer() =>
        File.Exists("/.dockerenv") || File.Exists("/run/.containerenv") || Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST") is not null;

    /// <summary>The namespace link of a process ("mnt:[4026531841]"), or null when it cannot be read.</summary>
    private static string? Namespace(string process, string kind)
    {
        try
        {
            return new FileInfo($"/proc/{process}/ns/{kind}").LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static DoctorCheck TempDirectory()
    {
        var tmp = Path.GetTempPath();
        try
        {
            var probe = Path.Combine(tmp, $".diagnose-doctor-{Environment.ProcessId}");
            File.WriteAllText(probe, string.Empty);
            File.Delete(probe);
            return DoctorCheck.Ok("tmp", $"{tmp} is writable (the runtime's sockets are there)");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return DoctorCheck.Fail("tmp", $"{tmp} is not writable: {e.Message}", "give this tool a writable /tmp (or TMPDIR) that the app shares");
        }
    }

    /// <summary>A path as the process sees it, through its root (its own mount namespace, if it has one).</summary>
    private static string InRootOf(int pid, string path) => $"/proc/{pid}/root{path}";

    private static string? ReadText(string path)
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

    private static string Plain(string version) => version.Split('+', '-')[0];
}
