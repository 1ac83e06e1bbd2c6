using System.Collections.Concurrent;
using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;

namespace Diagnose.Expressions;

/// <summary>
/// C#'s conversions as far as the language needs them: implicit (identity, numeric, nullable, reference, boxing,
/// constant, null literal, user-defined), explicit (casts), which of two conversions is better, and common types.
/// The literal <c>null</c> is a <see cref="ConstantExpression"/> of type object until it is converted.
/// </summary>
internal static class Conversions
{
    private static readonly ConcurrentDictionary<Type, MethodInfo[]> Operators = new();

    public static Expression NullLiteral() => Expression.Constant(null);

    public static bool IsNullLiteral(Expression e) => e is ConstantExpression { Value: null } && e.Type == typeof(object);

    public static bool IsNullable(Type type) => Nullable.GetUnderlyingType(type) is not null;

    public static Type Unwrap(Type type) => Nullable.GetUnderlyingType(type) ?? type;

    /// <summary>T? for a non-nullable value type T; the type itself otherwise.</summary>
    public static Type MakeNullable(Type type) =>
        type.IsValueType && !IsNullable(type) && type != typeof(void) ? typeof(Nullable<>).MakeGenericType(type) : type;

    public static bool AcceptsNull(Type type) => !type.IsValueType || IsNullable(type);

    /// <summary>Whether <paramref name="e"/> converts implicitly to <paramref name="to"/>, constants and null included.</summary>
    public static bool HasImplicit(Expression e, Type to)
    {
        if (e.Type == to)
        {
            return true;
        }

        if (IsNullLiteral(e))
        {
            return AcceptsNull(to);
        }

        return IsConstantConvertible(e, to) || HasImplicit(e.Type, to);
    }

    /// <summary>Whether any value of <paramref name="from"/> converts implicitly to <paramref name="to"/>.</summary>
    public static bool HasImplicit(Type from, Type to)
    {
        if (from == to)
        {
            return true;
        }

        if (from == typeof(void) || to == typeof(void) || from.IsByRefLike || to.IsByRefLike || from.IsPointer)
        {
            return false;
        }

        if (NumericTypes.HasImplicit(from, to))
        {
            return true;
        }

        if (Nullable.GetUnderlyingType(to) is { } target)
        {
            var source = Unwrap(from);
            return source == target || NumericTypes.HasImplicit(source, target) || FindOperator(from, to, false) is not null;
        }

        return to.IsAssignableFrom(from) || FindOperator(from, to, false) is not null;
    }

    /// <summary>The implicit conversion of <paramref name="e"/>, which must exist (see <see cref="HasImplicit(Expression, Type)"/>).</summary>
    public static Expression Convert(Expression e, Type to)
    {
        if (e.Type == to)
        {
            return e;
        }

        if (IsNullLiteral(e))
        {
            return to.IsValueType ? Expression.Default(to) : Expression.Constant(null, to);
        }

        if (e is ConstantExpression { Value: { } value } && (IsConstantConvertible(e, to) || HasImplicit(e.Type, to)) &&
            FoldConstant(value, to) is { } folded)
        {
            return folded;
        }

        if (to.IsAssignableFrom(e.Type))
        {
            // Boxing or a reference conversion: never a user-defined operator (a struct's implicit conversion to some
            // class must not be picked for a conversion to object).
            return Expression.Convert(e, to);
        }

        var method = NumericTypes.IsNumeric(Unwrap(e.Type)) && NumericTypes.IsNumeric(Unwrap(to)) ? null : FindOperator(e.Type, to, false);
        return method is null ? Expression.Convert(e, to) : Expression.Convert(e, to, method);
    }

    /// <summary>The implicit conversion, or "cannot convert" at <paramref name="position"/>.</summary>
    public static Expression Implicit(Expression e, Type to, int position, BindContext context) =>
        HasImplicit(e, to) ? Convert(e, to) : throw CannotConvert(e, to, position, context);

    /// <summary>A cast: any implicit conversion, or an explicit numeric, enum, unboxing, down-cast or user-defined one.</summary>
    public static Expression Explicit(Expression e, Type to, int position, BindContext context)
    {
        if (HasImplicit(e, to))
        {
            return Convert(e, to);
        }

        if (IsNullLiteral(e))
        {
            throw CannotConvert(e, to, position, context);
        }

        try
        {
            return FindOperator(e.Type, to, true) is { } method ? Expression.Convert(e, to, method) : Expression.Convert(e, to);
        }
        catch (InvalidOperationException)
        {
            throw CannotConvert(e, to, position, context);
        }
    }

    /// <summary>A condition: bool itself, bool? (null is false) or an object holding a bool (checked at run time).</summary>
    public static Expression ToBoolean(Expression e, int position, BindContext context)
    {
        if (e.Type == typeof(bool))
        {
            return e;
        }

        if (e.Type == typeof(bool?))
        {
            return Expression.Equal(e, Expression.Constant(true, typeof(bool?)));
        }

        return e.Type == typeof(object) && !IsNullLiteral(e) ? Expression.Convert(e, typeof(bool)) : Implicit(e, typeof(bool), position, context);
    }

    /// <summary>The type both expressions convert to (for ?:, ??, arrays), or null when there is none.</summary>
    public static Type? CommonType(Expression a, Expression b)
    {
        if (a.Type == b.Type)
        {
            return a.Type;
        }

        if (IsNullLiteral(a) || IsNullLiteral(b))
        {
            return MakeNullable(IsNullLiteral(a) ? b.Type : a.Type);
        }

        var toB = HasImplicit(a, b.Type);
        var toA = HasImplicit(b, a.Type);
        if (toA && toB)
        {
            return HasImplicit(a.Type, b.Type) ? b.Type : a.Type;
        }

        return toB ? b.Type : toA ? a.Type : null;
    }

    /// <summary>1 when converting an expression of type <paramref name="source"/> (null: the null literal) to t1 is better than to t2, -1 when worse, 0 when neither.</summary>
    public static int Better(Type? source, Type t1, Type t2)
    {
        if (t1 == t2)
        {
            return 0;
        }

        if (source == t1 || source == t2)
        {
            return source == t1 ? 1 : -1;
        }

        var oneToTwo = HasImplicit(t1, t2);
        var twoToOne = HasImplicit(t2, t1);
        if (oneToTwo != twoToOne)
        {
            return oneToTwo ? 1 : -1;
        }

        if (NumericTypes.IsSigned(Unwrap(t1)) && NumericTypes.IsUnsignedIntegral(Unwrap(t2)))
        {
            return 1;
        }

        return NumericTypes.IsSigned(Unwrap(t2)) && NumericTypes.IsUnsignedIntegral(Unwrap(t1)) ? -1 : 0;
    }

    public static ExpressionException CannotConvert(Expression e, Type to, int position, BindContext context) =>
        context.Error($"cannot convert {(IsNullLiteral(e) ? "null" : $"'{TypeNames.Display(e.Type)}'")} to '{TypeNames.Display(to)}'", position);

    /// <summary>An integer constant that fits a smaller integral type, or the constant 0 to an enum.</summary>
    private static bool IsConstantConvertible(Expression e, Type to)
    {
        if (e is not ConstantExpression { Value: { } value })
        {
            return false;
        }

        var target = Unwrap(to);
        return NumericTypes.Fits(value, target) || (target.IsEnum && value is 0);
    }

    private static Expression? FoldConstant(object value, Type to)
    {
        var target = Unwrap(to);
        if (target.IsEnum)
        {
            return Expression.Constant(Enum.ToObject(target, value), to);
        }

        if (!NumericTypes.IsNumeric(target) || !NumericTypes.IsNumeric(value.GetType()))
        {
            return null;
        }

        return Expression.Constant(System.Convert.ChangeType(value, target, CultureInfo.InvariantCulture), to);
    }

    /// <summary>A user-defined op_Implicit (or, when <paramref name="explicitToo"/>, op_Explicit) from one type to the other.</summary>
    private static MethodInfo? FindOperator(Type from, Type to, bool explicitToo)
    {
        foreach (var owner in new[] { Unwrap(from), Unwrap(to) })
        {
            foreach (var method in OperatorsOf(owner))
            {
                if ((explicitToo || method.Name == "op_Implicit") &&
                    method.GetParameters()[0].ParameterType is var parameter &&
                    (parameter == Unwrap(from) || parameter.IsAssignableFrom(from)) &&
                    (method.ReturnType == Unwrap(to) || to.IsAssignableFrom(method.ReturnType)))
                {
                    return method;
                }
            }
        }

        return null;
    }

    private static MethodInfo[] OperatorsOf(Type type) => Operators.GetOrAdd(type, static t => t
        .GetMethods(BindingFlags.Public | BindingFlags.Static)
        .Where(m => m.Name is "op_Implicit" or "op_Explicit" && m.GetParameters().Length == 1 &&
            !m.ReturnType.IsByRefLike && !m.GetParameters()[0].ParameterType.IsByRefLike)
        .ToArray());
}
