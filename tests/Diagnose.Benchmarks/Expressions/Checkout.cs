using System.Runtime.CompilerServices;

namespace Diagnose.Benchmarks.Expressions;

/// <summary>The method whose probe site the site-compile benchmark builds (it is never probed for real).</summary>
public sealed class Checkout
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public int Submit(Order order) => order.Customer.Region.Length;
}
