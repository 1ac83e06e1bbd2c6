namespace Diagnose.Hooks;

/// <summary>
/// Site id → handler delegate, read on every probed call. Ids are never reused: code that still runs an older
/// body (a thread inside it while the method was re-instrumented) keeps reaching its site while all of that site's
/// instruments stay on the method (ProbeEngine keeps it), and finds no handler once the site is retired.
/// Reads are lock-free; writers copy the array under a lock.
/// </summary>
internal static class SiteTable
{
    private static readonly object s_gate = new();
    private static Delegate?[] s_handlers = new Delegate?[64];
    private static readonly Dictionary<int, Action> s_retire = new();
    private static int s_next = 1; // 0 is never a site

    public static Delegate? Handler(int site)
    {
        var handlers = Volatile.Read(ref s_handlers);
        return (uint)site < (uint)handlers.Length ? handlers[site] : null;
    }

    public static int Allocate()
    {
        lock (s_gate)
        {
            var site = s_next++;
            if (site >= s_handlers.Length)
            {
                var grown = new Delegate?[s_handlers.Length * 2];
                Array.Copy(s_handlers, grown, s_handlers.Length);
                Volatile.Write(ref s_handlers, grown);
            }

            return site;
        }
    }

    public static void Set(int site, Delegate? handler)
    {
        lock (s_gate)
        {
            Volatile.Write(ref s_handlers[site], handler);
        }
    }

    /// <summary>An emitted site (called directly, not through the table) registers how to silence it.</summary>
    public static void SetRetire(int site, Action retire)
    {
        lock (s_gate)
        {
            s_retire[site] = retire;
        }
    }

    /// <summary>The site stops firing; the id is not reused.</summary>
    public static void Retire(int site)
    {
        Action? retire;
        lock (s_gate)
        {
            Volatile.Write(ref s_handlers[site], null);
            s_retire.Remove(site, out retire);
        }

        retire?.Invoke();
    }
}
