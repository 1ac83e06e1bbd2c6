using System.Text;
using Diagnose.Cli.Channel;
using Diagnose.Protocol.Channel;
using Microsoft.Diagnostics.NETCore.Client;

namespace Diagnose.Cli.Processes;

/// <summary>Loads the profiler and the agent into a running .NET 8+ process and waits until the agent answers.</summary>
internal static class AgentLoader
{
    /// <summary>How long a freshly loaded agent may take to answer its first command.</summary>
    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Loads what is missing (only the startup hook runs again when Diagnose is loaded already) and returns the agent's greeting. A process
    /// that does not see the installation's files (another container) loads a copy in the folder it shares with us.
    /// <paramref name="specsPath"/>, if any, becomes DIAGNOSE_SPECS of a process the profiler is newly attached to.
    /// </summary>
    /// <exception cref="CliException">Exit code 3: the process refused, or the agent did not answer.</exception>
    public static (ChannelResult Hello, bool Loaded) Load(TargetProcess process, InstallLayout layout, string? specsPath, string? keyFile = null)
    {
        var pid = process.Pid;
        var client = process.Client();
        var loaded = false;
        var hasProfiler = process.HasLoaded(TargetProcess.ProfilerFileName);
        if (!hasProfiler || !process.HasLoaded(TargetProcess.AgentFileName))
        {
            layout = SharedCopy.For(process, layout);
        }

        if (!hasProfiler)
        {
            var clientData = specsPath is null ? [] : Encoding.UTF8.GetBytes($"DIAGNOSE_SPECS={specsPath}\n" + (keyFile is null ? string.Empty : $"DIAGNOSE_KEY_FILE={keyFile}\n"));
            try
            {
                client.AttachProfiler(TimeSpan.FromSeconds(10), Guid.Parse(InstallLayout.ProfilerClsid), layout.ProfilerPath, clientData);
                loaded = true;
            }
            catch (ProfilerAlreadyActiveException)
            {
                throw new CliException(ExitCodes.Unreachable, $"process {pid} already has another profiler loaded; Diagnose cannot attach next to it: restart the process without the other profiler (CORECLR_PROFILER…), e.g. with 'diagnose run -- <command>'");
            }
            catch (Exception e) when (ChannelSession.IsPermissionDenied(e))
            {
                throw ProcessOwner.Denied(pid);
            }
            catch (Exception e) when (e is ServerErrorException or ServerNotAvailableException or TimeoutException)
            {
                throw new CliException(ExitCodes.Unreachable, $"process {pid} refused the profiler: {e.Message}; the runtime's reason is in the process's standard error");
            }
        }

        // Also where the agent is loaded already: an app built against Diagnose.Agent (the in-process API) may have
        // loaded it without its startup hook, which starts the channel; where the hook ran, running it again is harmless.
        var hook = AgentCopy.For(pid, layout.AgentPath);
        var agentLoaded = process.HasLoaded(TargetProcess.AgentFileName);
        try
        {
            client.ApplyStartupHook(hook);
            loaded |= !agentLoaded;
        }
        catch (UnsupportedCommandException)
        {
            throw new CliException(ExitCodes.Unreachable, $"process {pid} runs a .NET older than 8, which cannot load the agent after start; Diagnose needs .NET 8 or later");
        }
        catch (Exception e) when (ChannelSession.IsPermissionDenied(e))
        {
            throw ProcessOwner.Denied(pid);
        }
        catch (Exception e) when (e is ServerErrorException or ServerNotAvailableException or TimeoutException)
        {
            throw new CliException(ExitCodes.Unreachable, $"process {pid} refused the agent: {e.Message}; the runtime's reason is in the process's standard error");
        }

        Timing.Mark(loaded ? "profiler and agent loaded" : "Diagnose was loaded already");
        try
        {
            return (new AgentConnection(pid).Send(ChannelCommand.Hello(), ReadyTimeout), loaded);
        }
        catch (CliException e) when (e.ExitCode == ExitCodes.Unreachable)
        {
            throw new CliException(ExitCodes.Unreachable, $"Diagnose was loaded into process {pid} but its agent does not answer: {e.Message} (see the process's standard error)");
        }
    }
}
