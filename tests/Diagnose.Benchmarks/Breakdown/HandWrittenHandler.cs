using System.Runtime.CompilerServices;
using Diagnose.Hooks;
using Diagnose.Sites;

namespace Diagnose.Benchmarks.Breakdown;

/// <summary>
/// The logic SiteCompiler builds as a LINQ expression tree for one numeric instrument, written in C#: re-entry
/// guard, enabled check, Record in a try/catch that reports. Compared with the compiled handler it shows what
/// compiling through LINQ costs; <see cref="FireWithOneLookup"/> shows what the guard's two thread-static lookups cost.
/// </summary>
public sealed class HandWrittenHandler
{
    [ThreadStatic]
    private static bool t_inside;

    private readonly NumericInstrument _instrument;
    private readonly string[] _tags;

    public HandWrittenHandler(NumericInstrument instrument, string[] tags)
    {
        _instrument = instrument;
        _tags = tags;
    }

    /// <summary>With the agent's guard, as the compiled handler does it.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void Fire(int value)
    {
        if (!ReentryGuard.TryEnter())
        {
            return;
        }

        try
        {
            Record(value);
        }
        finally
        {
            ReentryGuard.Exit();
        }
    }

    /// <summary>With a guard whose thread-static flag is looked up once for enter and exit.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void FireWithOneLookup(int value)
    {
        ref var inside = ref t_inside;
        if (inside)
        {
            return;
        }

        inside = true;
        try
        {
            Record(value);
        }
        finally
        {
            inside = false;
        }
    }

    private void Record(int value)
    {
        try
        {
            if (_instrument.IsEnabled)
            {
                _instrument.Record(value, _tags);
            }
        }
        catch (Exception error)
        {
            SafeDispatch.Fail(_instrument, error);
        }
    }
}
