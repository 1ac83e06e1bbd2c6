using System.Diagnostics;
using System.Linq.Expressions;
using System.Reflection;
using BenchmarkDotNet.Attributes;
using Diagnose.Benchmarks.Support;
using Diagnose.Expressions;

namespace Diagnose.Benchmarks.Expressions;

/// <summary>
/// Compile time of a typical expression (issue 3; goal: at most 5 ms), stage by stage: Parse, + Bind, + LINQ
/// Compile (which JIT-compiles the lambda's DynamicMethod), + the first call. SiteCompile is what a probe pays per
/// site: the same expression as an instrument's value, compiled by SiteCompiler into the guarded handler, and its
/// first call. ParseBindCompileIntegers is the same shape with int instead of decimal arithmetic: the JIT inlines
/// decimal's operators into the DynamicMethod, which makes most of the compile time. Measured warm (the agent's own
/// code already JIT-compiled); the cold first compile of a process is printed once by the setup.
/// </summary>
[ThreadCpuTime]
public class ExpressionCompileBenchmarks
{
    public const string Source = "order.Total * 2 > 100 && order.Customer.Region == \"eu\"";
    public const string IntegerSource = "order.Customer.Region.Length * 2 > 100 && order.Customer.Region == \"eu\"";

    private static bool s_coldReported;

    private readonly Order _order = new(60m, new Customer("eu"));
    private readonly Order _smallOrder = new(10m, new Customer("eu"));
    private readonly MethodInfo _submit = typeof(Checkout).GetMethod(nameof(Checkout.Submit))!;

    [GlobalSetup]
    public void CheckCompiledExpression()
    {
        var stopwatch = Stopwatch.StartNew();
        var compiled = Compile(Source);
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

        if (Compile(IntegerSource)(_order))
        {
            throw new InvalidOperationException($"\"{IntegerSource}\" evaluated wrongly");
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
    public object ParseAndBind() => Bind(Source, new OrderScope());

    [Benchmark]
    public object ParseBindCompile() => Compile(Source);

    [Benchmark]
    public bool ParseBindCompileFirstCall() => Compile(Source)(_order);

    [Benchmark]
    public object ParseBindCompileIntegers() => Compile(IntegerSource);

    [Benchmark]
    public long SiteCompile() => CompileAndCallSite(new CountingInstrument("bench.checkout", Source));

    private static Expression Bind(string source, OrderScope scope) =>
        ExpressionCompiler.Bind(ExpressionCompiler.Parse(source), scope, ExpressionOptions.Default);

    private static Func<Order, bool> Compile(string source)
    {
        var scope = new OrderScope();
        return Expression.Lambda<Func<Order, bool>>(Bind(source, scope), scope.Order).Compile();
    }

    /// <summary>Builds the site handler as ProbeEngine does for a method with one instrument, and calls it once.</summary>
    private long CompileAndCallSite(CountingInstrument instrument)
    {
        ((Action<object>)SiteBuilder.Compile(_submit, instrument))(_order);
        return instrument.Count;
    }
}
