using System.Collections;
using System.Linq.Expressions;
using System.Reflection;

namespace Diagnose.Expressions;

/// <summary>
/// Binds calls of the built-in <c>len</c> and <c>mag</c> to typed code where the static type allows
/// (<c>len(s)</c> on a string is <c>s.Length</c>, on a list its Count) and to <see cref="Builtins"/> otherwise.
/// </summary>
internal static class BuiltinBinder
{
    private static readonly MethodInfo Len = typeof(Builtins).GetMethod(nameof(Builtins.Len), [typeof(object)])!;
    private static readonly MethodInfo MagOfObject = typeof(Builtins).GetMethod(nameof(Builtins.Mag), [typeof(object), typeof(double)])!;
    private static readonly MethodInfo MagOfSize = typeof(Builtins).GetMethod(nameof(Builtins.Mag), [typeof(double), typeof(double)])!;

    /// <summary>The call, or null when <paramref name="function"/> is not a built-in.</summary>
    public static Expression? TryBind(Delegate function, IReadOnlyList<Expression> arguments, int position, BindContext context)
    {
        if (ReferenceEquals(function, Builtins.LenFunction))
        {
            if (arguments.Count != 1)
            {
                throw context.Error($"len() takes exactly one argument ({arguments.Count} given)", position);
            }

            var value = arguments[0];
            if (StaticLength(value) is { } length)
            {
                return length;
            }

            if (value.Type.IsValueType && !Conversions.IsNullable(value.Type) && !typeof(IEnumerable).IsAssignableFrom(value.Type))
            {
                throw context.Error($"'{TypeNames.Display(value.Type)}' has no len()", position);
            }

            return Expression.Call(Len, Conversions.Convert(value, typeof(object)));
        }

        if (ReferenceEquals(function, Builtins.MagFunction))
        {
            if (arguments.Count is not (1 or 2))
            {
                throw context.Error($"mag() takes one or two arguments ({arguments.Count} given)", position);
            }

            var @base = arguments.Count == 2
                ? Conversions.Implicit(arguments[1], typeof(double), position, context)
                : Expression.Constant(10.0);
            var value = arguments[0];
            var size = StaticLength(value) ?? (IsPlainNumber(value.Type) ? value : null);
            return size is null
                ? Expression.Call(MagOfObject, Conversions.Convert(value, typeof(object)), @base)
                : Expression.Call(MagOfSize, Expression.Convert(size, typeof(double)), @base);
        }

        return null;
    }

    private static bool IsPlainNumber(Type type) =>
        NumericTypes.IsNumeric(type) && type != typeof(char);

    /// <summary>The length as the static type knows it: string.Length, array Length, a collection's Count.</summary>
    private static Expression? StaticLength(Expression value)
    {
        var type = value.Type;
        if (type == typeof(string) || (type.IsArray && !type.IsSZArray))
        {
            return Expression.Property(value, "Length");
        }

        if (type.IsSZArray)
        {
            return Expression.ArrayLength(value);
        }

        var isCollection = typeof(ICollection).IsAssignableFrom(type) ||
            TypeInference.FindConstructed(type, typeof(ICollection<>)) is not null ||
            TypeInference.FindConstructed(type, typeof(IReadOnlyCollection<>)) is not null;
        return isCollection && MemberLookup.FindValue(type, "Count") is PropertyInfo { PropertyType: var countType } count &&
            countType == typeof(int) && count.GetMethod is { IsPublic: true, IsStatic: false }
            ? Expression.Property(value, count)
            : null;
    }
}
