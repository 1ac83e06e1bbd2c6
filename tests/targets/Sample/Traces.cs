using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Sample;

/// <summary>
/// Methods that throw in each way a stack trace shows (in the body, in a callee, in a catch, in a finally, through a
/// rethrow, in an async method), and the command that prints what an application would see of the exception.
/// </summary>
public static class Traces
{
    /// <summary>
    /// Runs one case and returns, on one line, <c>e.ToString()</c>, <c>new StackTrace(e, true)</c> and each frame's
    /// method, IL offset, file, line and column (" | " for line breaks).
    /// </summary>
    public static string Capture(string kind)
    {
        Func<int> run = kind switch
        {
            "body" => () => Body(4),
            "callee" => () => Callee(4),
            "catch" => () => InCatch(4),
            "finally" => () => InFinally(4),
            "rethrow" => () => Rethrow(4),
            "async" => () => Async(4).GetAwaiter().GetResult(),
            "lines" => () => Lines.Throws(4),
            _ => throw new ArgumentException($"unknown trace case '{kind}' (known: body, callee, catch, finally, rethrow, async, lines)"),
        };
        try
        {
            return $"no exception: {run()}";
        }
        catch (Exception e)
        {
            var trace = new StackTrace(e, true);
            var frames = trace.GetFrames().Select(f => $"{f.GetMethod()?.Name}@{f.GetILOffset()}:{Path.GetFileName(f.GetFileName())}:{f.GetFileLineNumber()}:{f.GetFileColumnNumber()}");
            return string.Join(" ## ", Flatten(e.ToString()), Flatten(trace.ToString()), string.Join(" ", frames));
        }
    }

    public static int Body(int x)
    {
        var y = x * 2;
        if (y > 0)
        {
            throw new InvalidOperationException($"body {y}");
        }

        return y;
    }

    public static int Callee(int x)
    {
        var y = x + 1;
        return Thrower(y) + 1;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int Thrower(int x) => throw new ArgumentException($"callee {x}", nameof(x));

    public static int InCatch(int x)
    {
        try
        {
            return Thrower(x);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"catch {x}", e);
        }
    }

    public static int InFinally(int x)
    {
        var y = x;
        try
        {
            y++;
        }
        finally
        {
            if (y > 0)
            {
                throw new InvalidOperationException($"finally {y}");
            }
        }

        return y;
    }

    public static int Rethrow(int x)
    {
        try
        {
            return Thrower(x);
        }
        catch (ArgumentException) when (x > 0)
        {
            x++;
            throw;
        }
    }

    public static async Task<int> Async(int x)
    {
        await Task.Yield();
        var y = x * 3;
        if (y > 0)
        {
            throw new InvalidOperationException($"async {y}");
        }

        return y;
    }

    private static string Flatten(string text) => text.Replace("\r", string.Empty).Replace("\n", " | ");
}
