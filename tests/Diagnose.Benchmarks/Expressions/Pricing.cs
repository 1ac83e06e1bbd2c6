using System.Runtime.CompilerServices;
using Diagnose.Benchmarks.Support;

namespace Diagnose.Benchmarks.Expressions;

/// <summary>Methods for evaluating <c>amount * 2</c> on return: plain, probed (numeric and object instruments), and by hand.</summary>
public sealed class Pricing
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public int Charge(int amount) => amount + 1;

    /// <summary>Probed with a numeric return instrument <c>amount * 2</c>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public int ChargeProbed(int amount) => amount + 1;

    /// <summary>Probed with a numeric return instrument <c>amount * 2</c> that declares it calls nothing probe-able (no guard).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public int ChargeProbedUnguarded(int amount) => amount + 1;

    /// <summary>Probed with an object-valued return instrument <c>amount * 2</c> (the value is boxed).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public int ChargeProbedAsObject(int amount) => amount + 1;

    [MethodImpl(MethodImplOptions.NoInlining)]
    public int ChargeByHand(int amount)
    {
        try
        {
            return amount + 1;
        }
        finally
        {
            HandRecorder.Record(amount * 2);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public int ChargeByHandAsObject(int amount)
    {
        try
        {
            return amount + 1;
        }
        finally
        {
            HandRecorder.Fire(amount * 2);
        }
    }
}
