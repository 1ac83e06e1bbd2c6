using System.Diagnostics;
using System.Linq.Expressions;
using System.Reflection;
using BenchmarkDotNet.Attributes;
using Diagnose.Benchmarks.Support;
using Diagnose.Expressions;
using Diagnose.Sites;

namespace Diagnose.Benchmarks.Expressions;

/// <summary>
/// Compile time of a typical expression (issue 3; goal: at most 5 ms), stage by stage: Parse, + Bind, + LINQ
/// Compile, + the first call (a compiled lambda is JIT-compiled on its first call, not by Compile). SiteCompile is
/// what a probe pays per site: the same expression as an instrument's value, compiled by SiteCompiler into the
/// guarded handler, and its first call. Measured warm (the agent's own code already JIT-compiled); the cold first
/// compile of a process is printed once by the setup.
/// </summary>
[ThreadCpuTime]
public class ExpressionCompileBenchmarks
{
    public const string Source = "order.Total * 2 > 100 && order.Customer.Region == \"eu\"";

    private static bool s_coldReported;

    private readonly Order _order = new(60m, new Customer("eu"));
    private readonly Order _smallOrder = new(10m, new Customer("eu"));
    private readonly MethodInfo _submit = typeof(Checkout).GetMethod(nameof(Checkout.Submit))!;

    [GlobalSetup]
    public void CheckCompiledExpression()
    {
        var stopwatch = Stopwatch.StartNew();
        var compiled = Compile();
        var first = compiled(_order);
        stopwatch.Stop();
        if (!s_coldReported)
        {
            s_coldReported = true;
            Console.WriteLine($"// first compile of \"{Source}\" in this process (cold): {stopwatch.Elapsed.TotalMilliseconds:0.00} ms");
        }

        if (!first || compiled(_smallOrder))
        {
            throw new InvalidOperationException($"\"{Source}\" evaluated wrongly: {first} for a total of 60, {compiled(_smallOrder)} for 10");
        }

        var instrument = new CountingInstrument("bench.checkout", Source);
        CompileAndCallSite(instrument);
        if (instrument.Count != 1 || !instrument.IsEnabled)
        {
            throw new InvalidOperationException($"the compiled site did not fire once: count {instrument.Count}, error {instrument.Error}");
        }
    }

    [Benchmark]
    public object Parse() => ExpressionCompiler.Parse(Source);

    [Benchmark]
    public object ParseAndBind() => Bind(new OrderScope());

    [Benchmark]
    public object ParseBindCompile() => Compile();

    [Benchmark]
    public bool ParseBindCompileFirstCall() => Compile()(_order);

    [Benchmark]
    public long SiteCompile() => CompileAndCallSite(new CountingInstrument("bench.checkout", Source));

    private static Expression Bind(OrderScope scope) =>
        ExpressionCompiler.Bind(ExpressionCompiler.Parse(Source), scope, ExpressionOptions.Default);

    private static Func<Order, bool> Compile()
    {
        var scope = new OrderScope();
        return Expression.Lambda<Func<Order, bool>>(Bind(scope), scope.Order).Compile();
    }

    /// <summary>Builds the site handler as ProbeEngine does for a method with one instrument (a new layout of the method), and calls it once.</summary>
    private long CompileAndCallSite(CountingInstrument instrument)
    {
        var site = SiteCompiler.Compile(SiteLayouts.Of(_submit), [instrument])
            ?? throw new InvalidOperationException($"the site did not compile: {instrument.Error}");
        ((Action<object>)site.Handler)(_order);
        return instrument.Count;
    }
}
