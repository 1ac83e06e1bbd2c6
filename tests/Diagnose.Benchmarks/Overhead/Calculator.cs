using System.Runtime.CompilerServices;
using Diagnose.Benchmarks.Support;

namespace Diagnose.Benchmarks.Overhead;

/// <summary>
/// The methods under measurement: the same small body once per variant, because a probe applies to a method (every
/// call of it), not to a call site. None is inlined, so each benchmark pays one real call, as a probed method does.
/// </summary>
public sealed class Calculator
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public int Add(int a, int b) => a + b;

    /// <summary>Probed with a return instrument on <c>result</c> that keeps its calls' elapsed times (<c>custom.elapsed</c> true).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public int AddProbedWithElapsed(int a, int b) => a + b;

    /// <summary>Probed with a return instrument on <c>result</c>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public int AddProbedOnReturn(int a, int b) => a + b;

    /// <summary>Probed with a return instrument on <c>result</c> whose Record calls a method (so its site is guarded).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public int AddProbedOnReturnCallingCode(int a, int b) => a + b;

    /// <summary>Probed with an instrument limited to one fire a second, whose bucket is empty while it is measured.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public int AddRateLimited(int a, int b) => a + b;

    /// <summary>Probed with a call instrument on <c>a</c>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public int AddProbedOnCall(int a, int b) => a + b;

    /// <summary>Probed with a line instrument on <c>a</c> at the line of <c>var sum</c> (see <see cref="ProbedLine"/>).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public int AddProbedAtLine(int a, int b)
    {
        var sum = a + b;
        return sum;
    }

    /// <summary>The line probe's work written by hand: record the argument before the line.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public int AddByHandAtLine(int a, int b)
    {
        HandRecorder.Record(a);
        var sum = a + b;
        return sum;
    }

    /// <summary>The source line of <c>var sum</c> in <see cref="AddProbedAtLine"/>, from its PDB and source.</summary>
    public static int ProbedLine()
    {
        var method = typeof(Calculator).GetMethod(nameof(AddProbedAtLine))!;
        var symbols = Diagnose.Symbols.MethodSymbols.For(method);
        var source = File.ReadAllLines(symbols.DocumentPath!);
        return symbols.SequencePoints.First(p => !p.IsHidden && source[p.StartLine - 1].Contains("var sum = a + b;", StringComparison.Ordinal)).StartLine;
    }

    /// <summary>The return probe's work written by hand: record the result in an epilogue that also runs on a throw.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public int AddByHandOnReturn(int a, int b)
    {
        var result = 0;
        try
        {
            result = a + b;
            return result;
        }
        finally
        {
            HandRecorder.Record(result);
        }
    }

    /// <summary>The guarded return probe's work written by hand: the epilogue records through a call.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public int AddByHandOnReturnCallingCode(int a, int b)
    {
        var result = 0;
        try
        {
            result = a + b;
            return result;
        }
        finally
        {
            HandRecorder.RecordThroughCall(result);
        }
    }

    /// <summary>The call probe's work written by hand: record the argument before the body.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public int AddByHandOnCall(int a, int b)
    {
        HandRecorder.Record(a);
        return a + b;
    }
}
