using System.Runtime.CompilerServices;

namespace Sample;

/// <summary>Method shapes the probe engine must handle (issue 2).</summary>
public abstract class Shape
{
    public abstract double Area();

    public virtual string Describe() => $"{GetType().Name} of area {Area():0.##}";
}

public sealed class Circle : Shape
{
    private readonly double _radius;

    public Circle(double radius) => _radius = radius;

    public override double Area() => Math.PI * _radius * _radius;

    public override string Describe() => "circle: " + base.Describe();
}

public interface IGreeter
{
    string Hello(string name);
}

public sealed class PoliteGreeter : IGreeter
{
    public string Hello(string name) => $"Good day, {name}";
}

public sealed class Cache<T>
{
    private readonly Dictionary<string, T> _items = new();

    public T Get(string key, T fallback) => _items.TryGetValue(key, out var value) ? value : fallback;

    public void Put(string key, T value) => _items[key] = value;
}

public static class Generic
{
    public static T First<T>(IReadOnlyList<T> items, T fallback) => items.Count > 0 ? items[0] : fallback;

    public static int Fib(int n) => n < 2 ? n : Fib(n - 1) + Fib(n - 2);
}

public static class Handlers
{
    /// <summary>An existing try/catch/finally with a filter, and a return inside the try.</summary>
    public static string Guarded(int n)
    {
        var log = "start";
        try
        {
            if (n == 1)
            {
                throw new ArgumentException("one");
            }

            if (n == 2)
            {
                throw new InvalidOperationException("two");
            }

            return log + ":ok";
        }
        catch (ArgumentException e) when (e.Message == "one")
        {
            log += ":caught " + e.Message;
        }
        finally
        {
            log += ":finally";
        }

        return log;
    }

    /// <summary>A body over 256 bytes whose branches must be long.</summary>
    public static int Long(int n)
    {
        var total = 0;
        for (var i = 0; i < n; i++)
        {
            switch (i % 7)
            {
                case 0: total += i * 3; break;
                case 1: total -= i / 2; break;
                case 2: total ^= i << 2; break;
                case 3: total += (i * i) % 11; break;
                case 4: total += string.Concat("x", i.ToString()).Length; break;
                case 5: total -= Math.Max(i, 3) * 2; break;
                default: total += Math.Abs(total % 13) + i; break;
            }

            if (total > 100000)
            {
                total /= 3;
            }
            else if (total < -100000)
            {
                total = -total / 5;
            }
        }

        return total;
    }
}

/// <summary>A small method the JIT inlines into a hot loop once both are tier-1 code.</summary>
public static class Hot
{
    public static int Small(int x) => x + 1;

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long Loop(int n)
    {
        long sum = 0;
        for (var i = 0; i < n; i++)
        {
            sum += Small(i);
        }

        return sum;
    }

    /// <summary>About 150 ns of arithmetic a call, not inlined: a hot method of realistic size.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long Step(long seed)
    {
        var h = seed;
        for (var i = 0; i < 60; i++)
        {
            h = (h * 6364136223846793005L) + 1442695040888963407L;
            h ^= h >> 29;
        }

        return h;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long Steps(int n)
    {
        long sum = 0;
        for (var i = 0; i < n; i++)
        {
            sum += Step(i);
        }

        return sum;
    }
}
