namespace Diagnose.Hooks;

/// <summary>
/// Keeps instruments from firing inside instruments: a probed method that the agent itself calls while
/// evaluating or writing (string formatting, a collection, Console) must not recurse into the agent.
/// </summary>
internal static class ReentryGuard
{
    /// <summary>The flag itself; emitted hooks take its address once per call (one thread-static lookup).</summary>
    [ThreadStatic]
    internal static bool t_inside;

    /// <summary>This thread's flag, for code that reads and writes it in one call (one lookup instead of three).</summary>
    public static ref bool Slot => ref t_inside;

    /// <summary>True when the caller may run instruments; it must then call <see cref="Exit"/>.</summary>
    public static bool TryEnter()
    {
        if (t_inside)
        {
            return false;
        }

        t_inside = true;
        return true;
    }

    public static void Exit() => t_inside = false;

    /// <summary>
    /// Marks the agent's own work on this thread (applying specs, compiling, timers) so probes on methods it calls
    /// (string, collections, Console…) do not fire for it: <c>using var _ = ReentryGuard.Agent();</c>.
    /// </summary>
    public static AgentScope Agent() => new(TryEnter());

    /// <summary>Leaves the guard on dispose if it entered it.</summary>
    public readonly struct AgentScope(bool entered) : IDisposable
    {
        public void Dispose()
        {
            if (entered)
            {
                Exit();
            }
        }
    }

    public static bool IsInside => t_inside;
}
