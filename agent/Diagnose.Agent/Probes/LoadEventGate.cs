namespace Diagnose;

/// <summary>
/// The agent locks a pending probe's installation takes, entered with patience when the thread is inside an
/// <c>AssemblyLoad</c> event. There the runtime holds the loading assembly's lock: an agent thread holding one of these
/// locks that needs that same assembly (a binder resolving a member type, say) would wait for this thread forever.
/// Inside the event a lock is waited for at most <see cref="Patience"/>; then <see cref="AgentBusyException"/> ends the
/// attempt and the caller installs later, off the event. Elsewhere entering simply blocks, like <c>lock</c>.
/// </summary>
internal static class LoadEventGate
{
    [ThreadStatic]
    private static bool t_inLoadEvent;

    /// <summary>How long a thread inside an assembly load waits for an agent lock.</summary>
    internal static TimeSpan Patience { get; set; } = TimeSpan.FromSeconds(5);

    internal static bool InLoadEvent => t_inLoadEvent;

    /// <summary>Marks the current thread as running an assembly-load handler until the scope ends.</summary>
    public static Scope LoadEvent()
    {
        var scope = new Scope(t_inLoadEvent);
        t_inLoadEvent = true;
        return scope;
    }

    /// <summary>Enters <paramref name="gate"/>; dispose the result to leave it.</summary>
    /// <exception cref="AgentBusyException">Inside an assembly load, the lock stayed taken for <see cref="Patience"/>.</exception>
    public static Held Enter(object gate)
    {
        if (!t_inLoadEvent)
        {
            Monitor.Enter(gate);
        }
        else if (!Monitor.TryEnter(gate, Patience))
        {
            throw new AgentBusyException($"another agent thread held a lock for {Patience.TotalSeconds:0.#} s while an assembly loaded");
        }

        return new Held(gate);
    }

    public readonly struct Held(object gate) : IDisposable
    {
        public void Dispose() => Monitor.Exit(gate);
    }

    public readonly struct Scope(bool outer) : IDisposable
    {
        public void Dispose() => t_inLoadEvent = outer;
    }
}

/// <summary>An installation inside an assembly load gave up waiting for another agent thread (see <see cref="LoadEventGate"/>).</summary>
internal sealed class AgentBusyException(string message) : Exception(message);
