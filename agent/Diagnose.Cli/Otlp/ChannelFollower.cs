using Diagnose.Cli.Channel;
using Diagnose.Cli.Sidecar;
using Diagnose.Protocol.Channel;

namespace Diagnose.Cli.Otlp;

/// <summary>
/// For <c>sidecar --otlp</c>: one channel session per process in line (what <c>watch</c> enables), whose metric
/// values and log lines go to the <see cref="OtlpExport"/>, each under its process's resource. A session that ended
/// (the agent restarted, the channel broke) is started again at the next <see cref="Follow"/>.
/// </summary>
internal sealed class ChannelFollower(OtlpExport export) : IProcessFollower, IDisposable
{
    private readonly Dictionary<int, Followed> _sessions = [];

    public void Follow(int pid, string name)
    {
        lock (_sessions)
        {
            if (_sessions.TryGetValue(pid, out var followed) && !followed.Ended)
            {
                return;
            }

            followed?.Session.Dispose();
            export.Follow(pid, name);
            var state = new Followed();
            state.Session = ChannelSession.Start(pid, ChannelKeywords.Watch, arguments: null, e => export.Post(pid, e), _ => state.Ended = true);
            _sessions[pid] = state;
        }
    }

    public void Forget(int pid)
    {
        lock (_sessions)
        {
            if (_sessions.Remove(pid, out var followed))
            {
                followed.Session.Dispose();
            }
        }

        export.Forget(pid);
    }

    /// <summary>Ends the sessions (the export, disposed after this, flushes).</summary>
    public void Dispose()
    {
        lock (_sessions)
        {
            foreach (var followed in _sessions.Values)
            {
                followed.Session.Dispose();
            }

            _sessions.Clear();
        }
    }

    private sealed class Followed
    {
        public ChannelSession Session { get; set; } = null!;

        public volatile bool Ended;
    }
}
