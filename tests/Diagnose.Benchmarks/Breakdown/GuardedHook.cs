using Diagnose.Hooks;

namespace Diagnose.Benchmarks.Breakdown;

/// <summary>
/// A proposed hook: HookFunctions.Fire1 with the re-entry guard taken in C# around the handler call, instead of
/// inside the compiled handler. Compiled as ordinary tiered code, the guard's thread-static flag is looked up once
/// and TryEnter is inlined, which a LINQ-compiled handler does not get.
/// </summary>
public static class GuardedHook
{
    public static void Fire1<T1>(int site, T1 v1)
    {
        if (SiteTable.Handler(site) is not Action<T1> handler || !ReentryGuard.TryEnter())
        {
            return;
        }

        try
        {
            handler(v1);
        }
        finally
        {
            ReentryGuard.Exit();
        }
    }
}
