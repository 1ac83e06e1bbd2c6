namespace Diagnose.Protocol.Channel;

/// <summary>The commands of protocol version 1 (the <c>op</c> of <see cref="ChannelCommand"/>). All are idempotent.</summary>
internal static class CommandOps
{
    /// <summary>Answers with the agent's identity; changes nothing. Tells a tool that the agent is ready.</summary>
    internal const string Hello = "hello";

    /// <summary>Adds the given specs to the channel's set, or puts them in place of those with their ids; applies.</summary>
    internal const string Set = "set";

    /// <summary>Removes the specs with the given ids from the channel's set; applies (their methods are restored).</summary>
    internal const string Remove = "remove";

    /// <summary>Makes the given specs the channel's whole set; applies. The last replace wins.</summary>
    internal const string Replace = "replace";

    /// <summary>Answers with every spec of every manager in the process, with its status and applied entry, and the probes.</summary>
    internal const string List = "list";

    /// <summary>
    /// Makes a file or directory the process's specs path (as <c>DIAGNOSE_SPECS</c> does at start): applied now,
    /// watched, <c>applied</c> written back into the files.
    /// </summary>
    internal const string UsePath = "use-path";
}
