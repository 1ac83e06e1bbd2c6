namespace Diagnose.Expressions;

/// <summary>C#'s built-in numeric types: implicit numeric conversions and binary numeric promotion.</summary>
internal static class NumericTypes
{
    // ECMA-334 §10.2.3: the implicit numeric conversions.
    private static readonly Dictionary<Type, Type[]> Implicit = new()
    {
        [typeof(sbyte)] = [typeof(short), typeof(int), typeof(long), typeof(float), typeof(double), typeof(decimal)],
        [typeof(byte)] = [typeof(short), typeof(ushort), typeof(int), typeof(uint), typeof(long), typeof(ulong), typeof(float), typeof(double), typeof(decimal)],
        [typeof(short)] = [typeof(int), typeof(long), typeof(float), typeof(double), typeof(decimal)],
        [typeof(ushort)] = [typeof(int), typeof(uint), typeof(long), typeof(ulong), typeof(float), typeof(double), typeof(decimal)],
        [typeof(int)] = [typeof(long), typeof(float), typeof(double), typeof(decimal)],
        [typeof(uint)] = [typeof(long), typeof(ulong), typeof(float), typeof(double), typeof(decimal)],
        [typeof(long)] = [typeof(float), typeof(double), typeof(decimal)],
        [typeof(ulong)] = [typeof(float), typeof(double), typeof(decimal)],
        [typeof(char)] = [typeof(ushort), typeof(int), typeof(uint), typeof(long), typeof(ulong), typeof(float), typeof(double), typeof(decimal)],
        [typeof(float)] = [typeof(double)],
        [typeof(double)] = [],
        [typeof(decimal)] = [],
    };

    private static readonly HashSet<Type> Signed = [typeof(sbyte), typeof(short), typeof(int), typeof(long)];

    private static readonly HashSet<Type> Integral =
        [typeof(sbyte), typeof(byte), typeof(short), typeof(ushort), typeof(int), typeof(uint), typeof(long), typeof(ulong), typeof(char)];

    /// <summary>sbyte … decimal and char (not bool, not enums).</summary>
    public static bool IsNumeric(Type type) => Implicit.ContainsKey(type);

    public static bool IsIntegral(Type type) => Integral.Contains(type);

    public static bool IsSigned(Type type) => Signed.Contains(type);

    public static bool IsUnsignedIntegral(Type type) => Integral.Contains(type) && !Signed.Contains(type) && type != typeof(char);

    public static bool HasImplicit(Type from, Type to) => Implicit.TryGetValue(from, out var targets) && targets.Contains(to);

    /// <summary>
    /// The type both operands of a binary arithmetic, comparison or bitwise operator convert to (§12.4.7.3),
    /// or null when C# has no such operator (decimal with float/double, ulong with a signed type).
    /// </summary>
    public static Type? Promote(Type left, Type right)
    {
        if (left == typeof(decimal) || right == typeof(decimal))
        {
            var other = left == typeof(decimal) ? right : left;
            return other == typeof(float) || other == typeof(double) ? null : typeof(decimal);
        }

        if (left == typeof(double) || right == typeof(double))
        {
            return typeof(double);
        }

        if (left == typeof(float) || right == typeof(float))
        {
            return typeof(float);
        }

        if (left == typeof(ulong) || right == typeof(ulong))
        {
            return IsSigned(left) || IsSigned(right) ? null : typeof(ulong);
        }

        if (left == typeof(long) || right == typeof(long))
        {
            return typeof(long);
        }

        if (left == typeof(uint) || right == typeof(uint))
        {
            return IsSigned(left) || IsSigned(right) ? typeof(long) : typeof(uint);
        }

        return typeof(int);
    }

    /// <summary>The type a unary operator or a shift's left operand works in (§12.4.7.2): small types become int.</summary>
    public static Type PromoteUnary(Type type) =>
        type == typeof(sbyte) || type == typeof(byte) || type == typeof(short) || type == typeof(ushort) || type == typeof(char)
            ? typeof(int)
            : type;

    /// <summary>Whether a constant integral value fits <paramref name="type"/> (the implicit constant conversions).</summary>
    public static bool Fits(object value, Type type)
    {
        if (!IsIntegral(type) || type == typeof(char) || value is not (int or long))
        {
            return false;
        }

        if (value is long && type != typeof(ulong) && type != typeof(long))
        {
            return false;
        }

        var number = Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
        return type switch
        {
            _ when type == typeof(sbyte) => number is >= sbyte.MinValue and <= sbyte.MaxValue,
            _ when type == typeof(byte) => number is >= byte.MinValue and <= byte.MaxValue,
            _ when type == typeof(short) => number is >= short.MinValue and <= short.MaxValue,
            _ when type == typeof(ushort) => number is >= ushort.MinValue and <= ushort.MaxValue,
            _ when type == typeof(int) => number is >= int.MinValue and <= int.MaxValue,
            _ when type == typeof(uint) => number is >= uint.MinValue and <= uint.MaxValue,
            _ when type == typeof(ulong) => number >= 0,
            _ => true,
        };
    }
}
