using System.Runtime.CompilerServices;

namespace Sample;

/// <summary>
/// Keeps one thread inside a method until told to leave: "hold X" starts a thread in <see cref="Wait"/> and returns
/// once it is inside, "release" lets it return and prints what it returned. A test changes the method's probes while
/// the thread runs its older body.
/// </summary>
public static class Held
{
    private static readonly ManualResetEventSlim s_entered = new();
    private static readonly ManualResetEventSlim s_release = new();
    private static Thread? s_thread;
    private static int s_result;

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int Wait(int x)
    {
        s_entered.Set();
        s_release.Wait();
        return x;
    }

    public static string Hold(int x)
    {
        if (s_thread is not null)
        {
            return "! a thread is already held";
        }

        s_entered.Reset();
        s_release.Reset();
        s_thread = new Thread(() => s_result = Wait(x)) { IsBackground = true };
        s_thread.Start();
        s_entered.Wait();
        return "= inside";
    }

    public static string Release()
    {
        if (s_thread is null)
        {
            return "! no thread is held";
        }

        s_release.Set();
        s_thread.Join();
        s_thread = null;
        return $"= {s_result}";
    }
}
