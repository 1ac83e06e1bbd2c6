using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Diagnose.Tests.Symbols;

/// <summary>
/// Methods whose PDB entries the symbol tests read: the test assembly is compiled with a portable PDB beside it.
/// Their shapes matter (scopes, awaits, yields); tests find their lines by the marker comments, not by number.
/// </summary>
internal static class SymbolFixtures
{
    /// <summary>This file, as the compiler saw it (the path the PDB records).</summary>
    public static readonly string SourceFile = ThisFile();

    /// <summary>The 1-based line of this file that holds <paramref name="marker"/> (a comment <c>// marker: …</c>).</summary>
    public static int LineOf(string marker)
    {
        var lines = File.ReadAllLines(SourceFile);
        var index = Array.FindIndex(lines, l => l.Contains("// marker: " + marker, StringComparison.Ordinal));
        return index < 0 ? throw new ArgumentException($"no marker '{marker}' in {SourceFile}") : index + 1;
    }

    /// <summary>Named locals in nested scopes, each of its own type so a test can check the slot a name maps to.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static decimal NestedScopes(string text, object value)
    {
        decimal total = 0;
        for (var index = 0; index < text.Length; index++)
        {
            var letter = text[index];
            total += letter;
        }

        foreach (var word in text.Split(' '))
        {
            double length = word.Length;
            total += (decimal)length;
        }

        using (var reader = new StringReader(text))
        {
            var firstLine = reader.ReadLine();
            total += firstLine?.Length ?? 0;
        }

        if (value is long big)
        {
            total += big;
        }

        for (var i = 0; i < 2; i++)
        {
            total += i;
        }

        for (var i = 10L; i < 12; i++)
        {
            total += i;
        }

        var when = DateTime.UnixEpoch; // marker: when
        total += when.Year;
        return total;
    }

    /// <summary>One line that takes the time; it reports the IL offset and line the runtime sees for its call.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static CallSite SlowLine(int milliseconds)
    {
        var warmUp = milliseconds + 1;
        var site = Sleep(milliseconds); // marker: slow line
        return site with { Sum = warmUp };
    }

    /// <summary>Locals that live across an await are hoisted into fields of the state machine.</summary>
    public static async Task<int> AcrossAwait(int count)
    {
        var before = count * 2;
        await Task.Yield();
        var after = before + 1; // marker: after await
        return after;
    }

    /// <summary>An iterator: its local lives across each yield.</summary>
    public static IEnumerable<int> Countdown(int from)
    {
        for (var current = from; current > 0; current--)
        {
            yield return current; // marker: yield
        }
    }

    /// <summary>An async iterator: its state machine has MoveNext and MoveNextAsync.</summary>
    public static async IAsyncEnumerable<string> Ticks(int count)
    {
        for (var tick = 0; tick < count; tick++)
        {
            await Task.Yield();
            yield return "tick " + tick;
        }
    }

    private static string ThisFile([CallerFilePath] string path = "") => path;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static CallSite Sleep(int milliseconds, [CallerLineNumber] int line = 0)
    {
        Thread.Sleep(milliseconds);
        var caller = new StackFrame(1, needFileInfo: true);
        return new CallSite(caller.GetILOffset(), line, caller.GetFileLineNumber(), 0);
    }

    /// <summary>Where a call was made: its IL offset, the compiler's line, and the runtime's own line for the offset.</summary>
    internal sealed record CallSite(int ILOffset, int CompilerLine, int RuntimeLine, int Sum);
}
