namespace Sample;

/// <summary>
/// Methods for line probes: the tests find each line by its marker comment (<c>// line: name</c>), so the file can
/// change without breaking them.
/// </summary>
public static class Lines
{
    public static async Task<int> TotalAsync(int count)
    {
        var total = 0;
        for (var i = 1; i <= count; i++)
        {
            await Task.Yield();
            total += i; // line: async
        }

        return total;
    }

    public static IEnumerable<int> Evens(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return i * 2; // line: iterator
        }
    }

    public static int Doubled(int[] values) =>
        values.Select(v =>
        {
            return v * 2; // line: lambda
        }).Sum();

    public static T Pick<T>(T first, T second, bool takeSecond)
    {
        return takeSecond ? second : first; // line: generic
    }

    public static string Guarded(int n)
    {
        var log = "start";
        try
        {
            if (n == 1)
            {
                throw new ArgumentException("one");
            }

            log += ":body"; // line: try
        }
        catch (ArgumentException e)
        {
            log += ":caught " + e.Message; // line: catch
        }
        finally
        {
            log += ":finally"; // line: finally
        }

        return log;
    }

    /// <summary>Throws out of a line a probe is on (the stack-trace test compares its trace with and without the probe).</summary>
    public static int Throws(int n)
    {
        var doubled = n * 2;
        if (doubled > 0)
        {
            throw new InvalidOperationException($"thrown at {doubled}"); // line: throws
        }

        return doubled;
    }
}
