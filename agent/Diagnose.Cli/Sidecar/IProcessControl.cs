using Diagnose.Protocol.Channel;

namespace Diagnose.Cli.Sidecar;

/// <summary>What the sidecar does to a process (replaced in tests).</summary>
internal interface IProcessControl
{
    /// <summary>The .NET processes there are now.</summary>
    IReadOnlyList<Processes.DotnetProcess> Scan();

    /// <summary>Loads Diagnose if needed and returns the agent's greeting; throws <see cref="CliException"/>.</summary>
    ChannelResult Load(int pid);

    /// <summary>Sends a command; throws <see cref="CliException"/>.</summary>
    ChannelResult Send(int pid, ChannelCommand command);
}
