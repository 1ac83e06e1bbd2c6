using System.Diagnostics;

namespace Sample;

/// <summary>Methods for the evaluation context (issue 3): locals, a slow line, async, tags and conditions.</summary>
public static class Locals
{
    public static string Compute(int n)
    {
        var doubled = n * 2;
        var output = $"{doubled}!";
        for (var i = 0; i < n; i++)
        {
            output += ".";
        }

        return output;
    }

    /// <summary>The last stage reached, kept for the finally block (so a Release build keeps it a real local).</summary>
    public static string? LastStage { get; private set; }

    public static string Risky(string text)
    {
        var stage = "parsing " + text;
        try
        {
            var number = int.Parse(text);
            stage = "dividing " + number;
            return stage + " = " + (100 / number);
        }
        finally
        {
            LastStage = stage;
        }
    }
}

public static class Slow
{
    public static int Work(int n)
    {
        var total = n;
        total += n * 2;
        Thread.Sleep(60); // the slow line
        total -= 1;
        return total;
    }

    public static void Sleep(int milliseconds) => Thread.Sleep(milliseconds);

    /// <summary>Seconds a call of <see cref="Sleep"/> took, seen from outside.</summary>
    public static double Timed(int milliseconds)
    {
        var watch = Stopwatch.StartNew();
        Sleep(milliseconds);
        return watch.Elapsed.TotalSeconds;
    }
}

public static class Fetch
{
    public static async Task<int> GetAsync(int delay)
    {
        await Task.Delay(delay);
        return delay * 2;
    }

    public static async Task FailAsync(int delay)
    {
        await Task.Delay(delay);
        throw new InvalidOperationException($"failed after {delay} ms");
    }

    public static async ValueTask<string> LabelAsync(int delay)
    {
        if (delay == 0)
        {
            return "now";
        }

        await Task.Delay(delay);
        return $"after {delay}";
    }
}

public sealed class Store(string region)
{
    public string Region { get; } = region;

    public decimal Charge(decimal amount) => amount * 1.2m;
}

/// <summary>A local the C# compiler drops in a Release build (read once, right away): the end event cannot see it.</summary>
public static class Dropped
{
    public static int Twice(int n)
    {
        var doubled = n * 2;
        return doubled + 1;
    }
}
