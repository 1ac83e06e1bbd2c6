using System.Linq.Expressions;
using System.Reflection;
using Diagnose.Benchmarks.Overhead;
using Diagnose.Benchmarks.Support;
using Diagnose.Sites;

namespace Diagnose.Benchmarks.Breakdown;

/// <summary>Handlers of the return site of <see cref="Calculator.AddProbedOnReturn"/> with one numeric instrument on <c>result</c>.</summary>
internal static class SiteHandlers
{
    /// <summary>The handler the engine installs: compiled by SiteCompiler.</summary>
    public static Action<int> Compiled(NumericInstrument instrument) =>
        (Action<int>)SiteBuilder.Compile(typeof(Calculator).GetMethod(nameof(Calculator.AddProbedOnReturn))!, instrument);

    /// <summary>
    /// The same LINQ tree as SiteCompiler's per-instrument block (try { if enabled: Record((double)v, tags) } catch:
    /// report) without the re-entry guard around it, for a hook that guards in C# (see <see cref="GuardedHook"/>).
    /// </summary>
    public static Action<int> CompiledWithoutGuard(NumericInstrument instrument, string[] tags)
    {
        var record = typeof(NumericInstrument).GetMethod("Record", BindingFlags.NonPublic | BindingFlags.Instance)!;
        var fail = typeof(SafeDispatch).GetMethod(nameof(SafeDispatch.Fail))!;
        var value = Expression.Parameter(typeof(int), "v0_Result0");
        var error = Expression.Parameter(typeof(Exception), "error");
        var constant = Expression.Constant(instrument);
        var body = Expression.TryCatch(
            Expression.IfThen(
                Expression.Property(constant, nameof(Instrument.IsEnabled)),
                Expression.Call(Expression.Convert(constant, typeof(NumericInstrument)), record, Expression.Convert(value, typeof(double)), Expression.Constant(tags))),
            Expression.Catch(error, Expression.Call(fail, constant, error)));
        return Expression.Lambda<Action<int>>(body, value).Compile();
    }
}
