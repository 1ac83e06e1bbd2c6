using System.Collections;
using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Numerics;

namespace Diagnose.Expressions;

/// <summary>
/// The global functions diagnose gives every instrument: <c>len(x)</c>, the size of a string or collection (other
/// sequences are counted), and <c>mag(x[, base])</c>, the integer part of log10 of a size or a number, -1 when it
/// has none (0, negatives, null, NaN, infinities, things that are neither sized nor numeric), as diagnose computes
/// it: <c>int(math.log10(len(x) or x))</c>. The binder calls the typed overloads directly when the static type allows.
/// </summary>
internal static class Builtins
{
    public static readonly Func<object?, int> LenFunction = Len;
    public static readonly Func<object?, int> MagFunction = Mag;

    private static readonly ConcurrentDictionary<Type, Func<object, int>?> Counters = new();

    public static int Len(object? value) => value switch
    {
        null => throw new ExpressionException("null has no len()"),
        string text => text.Length,
        Array array => array.Length,
        ICollection collection => collection.Count,
        _ => LengthOf(value) ?? throw new ExpressionException($"'{TypeNames.Display(value.GetType())}' has no len()"),
    };

    public static int Mag(object? value) => Mag(value, 10);

    public static int Mag(object? value, double @base)
    {
        switch (value)
        {
            case null:
                return -1;
            case var _ when !(@base > 0):
                return -1;
            case BigInteger big:
                return big.Sign <= 0 ? -1 : Truncate(@base == 10 ? BigInteger.Log10(big) : BigInteger.Log(big) / Math.Log(@base), @base);
            case bool flag:
                return Mag(flag ? 1.0 : 0.0, @base);
            case char:
                return Mag(1.0, @base); // a one-character string in Python
            case decimal number:
                return Mag((double)number, @base);
            case IConvertible number when number.GetTypeCode() is >= TypeCode.SByte and <= TypeCode.Double:
                return Mag(number.ToDouble(System.Globalization.CultureInfo.InvariantCulture), @base);
            default:
                var length = value is string or IEnumerable ? LengthOf(value) ?? Len(value) : (int?)null;
                return length is { } size ? Mag((double)size, @base) : -1;
        }
    }

    public static int Mag(double size, double @base)
    {
        if (double.IsNaN(size) || size <= 0 || @base <= 0)
        {
            return -1;
        }

        return Truncate(@base == 10 ? Math.Log10(size) : Math.Log(size) / Math.Log(@base), @base);
    }

    /// <summary>Python's int() of the logarithm: toward zero; infinities and NaN (log base 1) have no magnitude.</summary>
    private static int Truncate(double logarithm, double @base) =>
        double.IsFinite(logarithm) && @base != 1 ? (int)Math.Clamp(Math.Truncate(logarithm), int.MinValue, int.MaxValue) : -1;

    private static int? LengthOf(object value)
    {
        if (value is string text)
        {
            return text.Length;
        }

        if (value is ICollection collection)
        {
            return collection.Count;
        }

        if (Counters.GetOrAdd(value.GetType(), FindCounter) is { } counter)
        {
            return counter(value);
        }

        if (value is not IEnumerable sequence)
        {
            return null;
        }

        var count = 0;
        var enumerator = sequence.GetEnumerator();
        try
        {
            while (enumerator.MoveNext())
            {
                count++;
            }
        }
        finally
        {
            (enumerator as IDisposable)?.Dispose();
        }

        return count;
    }

    /// <summary>A compiled read of ICollection&lt;T&gt;.Count or IReadOnlyCollection&lt;T&gt;.Count, when the type has one.</summary>
    private static Func<object, int>? FindCounter(Type type)
    {
        var collection = TypeInference.FindConstructed(type, typeof(ICollection<>)) ??
            TypeInference.FindConstructed(type, typeof(IReadOnlyCollection<>));
        if (collection is null)
        {
            return null;
        }

        var value = Expression.Parameter(typeof(object), "value");
        var count = Expression.Property(Expression.Convert(value, collection), "Count");
        return Expression.Lambda<Func<object, int>>(count, value).Compile();
    }
}
