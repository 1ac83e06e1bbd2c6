using Diagnose.Cli.Channel;
using Diagnose.Cli.Processes;
using Diagnose.Protocol.Channel;

namespace Diagnose.Cli.Sidecar;

/// <summary>The real thing: attach through the diagnostics IPC, commands through the agent's channel.</summary>
internal sealed class ChannelProcessControl(InstallLayout layout) : IProcessControl
{
    public IReadOnlyList<DotnetProcess> Scan() => ProcessScanner.Scan();

    public ChannelResult Load(int pid) => AgentLoader.Load(TargetProcess.Find(pid), layout, specsPath: null).Hello;

    public ChannelResult Send(int pid, ChannelCommand command) => new AgentConnection(pid).Send(command);
}
