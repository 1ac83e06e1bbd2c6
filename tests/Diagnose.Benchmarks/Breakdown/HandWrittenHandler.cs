using System.Runtime.CompilerServices;
using Diagnose.Hooks;
using Diagnose.Sites;

namespace Diagnose.Benchmarks.Breakdown;

/// <summary>
/// The logic SiteCompiler builds as a LINQ expression tree for one numeric instrument, written in C#: re-entry
/// guard, enabled check, Record in a try/catch that reports. Compared with the compiled handler it shows what
/// compiling through LINQ costs.
/// </summary>
public sealed class HandWrittenHandler
{
    private readonly NumericInstrument _instrument;
    private readonly string[] _tags;

    public HandWrittenHandler(NumericInstrument instrument, string[] tags)
    {
        _instrument = instrument;
        _tags = tags;
    }

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
