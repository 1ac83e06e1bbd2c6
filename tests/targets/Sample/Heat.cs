namespace Sample;

/// <summary>For <c>diagnose hotspots</c>: a method with one slow line among trivial ones, called a known number of times.</summary>
public static class Heat
{
    public static int Step(int n)
    {
        var total = n + 1;
        Thread.Sleep(20); // the hot line
        total *= 2;
        return total;
    }

    /// <summary>Calls <see cref="Step"/> exactly <paramref name="times"/> times.</summary>
    public static int Repeat(int times)
    {
        var sum = 0;
        for (var i = 0; i < times; i++)
        {
            sum += Step(i);
        }

        return sum;
    }

    /// <summary>Two overloads: a target naming both is ambiguous for hotspots.</summary>
    public static int Scale(int n) => n * 3;

    public static double Scale(double x) => x * 3;
}
