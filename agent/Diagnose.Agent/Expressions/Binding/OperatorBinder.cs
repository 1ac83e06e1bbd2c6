using System.Linq.Expressions;
using System.Reflection;

namespace Diagnose.Expressions;

/// <summary>
/// Unary and binary operators with C#'s rules: numeric promotion (int+long → long, uint with int → long, decimal
/// only with integers), constant operands adapting to unsigned types, lifting over nullables, enums, string
/// concatenation, null comparisons, user-defined operators (DateTime, TimeSpan…) and reference equality.
/// Operands of static type object are combined at run time by <see cref="LateBoundSite"/>.
/// </summary>
internal static class OperatorBinder
{
    private static readonly MethodInfo ConcatStrings = typeof(string).GetMethod(nameof(string.Concat), [typeof(string), typeof(string)])!;
    private static readonly MethodInfo ConcatObjects = typeof(string).GetMethod(nameof(string.Concat), [typeof(object), typeof(object)])!;

    public static string Symbol(BinaryOperator op) => op switch
    {
        BinaryOperator.Multiply => "*", BinaryOperator.Divide => "/", BinaryOperator.Modulo => "%",
        BinaryOperator.Add => "+", BinaryOperator.Subtract => "-", BinaryOperator.LeftShift => "<<",
        BinaryOperator.RightShift => ">>", BinaryOperator.LessThan => "<", BinaryOperator.GreaterThan => ">",
        BinaryOperator.LessThanOrEqual => "<=", BinaryOperator.GreaterThanOrEqual => ">=",
        BinaryOperator.Equal => "==", BinaryOperator.NotEqual => "!=", BinaryOperator.And => "&",
        BinaryOperator.ExclusiveOr => "^", BinaryOperator.Or => "|", BinaryOperator.AndAlso => "&&",
        BinaryOperator.OrElse => "||", _ => "??",
    };

    public static bool IsComparison(BinaryOperator op) => op is >= BinaryOperator.LessThan and <= BinaryOperator.NotEqual;

    public static Expression Binary(BinaryOperator op, Expression left, Expression right, int position, BindContext context)
    {
        if (op is BinaryOperator.AndAlso or BinaryOperator.OrElse)
        {
            var l = Conversions.ToBoolean(left, position, context);
            var r = Conversions.ToBoolean(right, position, context);
            return op == BinaryOperator.AndAlso ? Expression.AndAlso(l, r) : Expression.OrElse(l, r);
        }

        if (op is BinaryOperator.Equal or BinaryOperator.NotEqual &&
            (Conversions.IsNullLiteral(left) || Conversions.IsNullLiteral(right)))
        {
            return CompareWithNull(op, Conversions.IsNullLiteral(left) ? right : left);
        }

        if (context.LateBinding && (IsDynamic(left) || IsDynamic(right)))
        {
            return LateBoundSite.Binary(op, left, right, position, context);
        }

        if (op == BinaryOperator.Add && (left.Type == typeof(string) || right.Type == typeof(string)))
        {
            return Concatenate(left, right);
        }

        return Enum(op, left, right, position, context)
            ?? Numeric(op, left, right)
            ?? Boolean(op, left, right)
            ?? UserDefined(op, left, right)
            ?? ReferenceEquality(op, left, right)
            ?? throw context.Error(
                $"operator '{Symbol(op)}' cannot be applied to operands of type '{Describe(left)}' and '{Describe(right)}'", position);
    }

    public static Expression Unary(UnaryOperator op, Expression operand, int position, BindContext context)
    {
        if (context.LateBinding && IsDynamic(operand))
        {
            return LateBoundSite.Unary(op, operand, position, context);
        }

        var type = Conversions.Unwrap(operand.Type);
        var lifted = Conversions.IsNullable(operand.Type);
        if (op == UnaryOperator.Not && type == typeof(bool))
        {
            return Expression.Not(operand);
        }

        if (type.IsEnum && op == UnaryOperator.Complement)
        {
            var underlying = Lift(System.Enum.GetUnderlyingType(type), lifted);
            return Expression.Convert(Expression.OnesComplement(Expression.Convert(operand, underlying)), operand.Type);
        }

        if (NumericTypes.IsNumeric(type) && op is UnaryOperator.Plus or UnaryOperator.Negate or UnaryOperator.Complement)
        {
            var promoted = NumericTypes.PromoteUnary(type);
            if (op == UnaryOperator.Negate && promoted == typeof(uint))
            {
                promoted = typeof(long);
            }

            var valid = op switch
            {
                UnaryOperator.Negate => promoted != typeof(ulong),
                UnaryOperator.Complement => NumericTypes.IsIntegral(promoted),
                _ => true,
            };
            if (valid)
            {
                var converted = Conversions.Convert(operand, Lift(promoted, lifted));
                return op switch
                {
                    UnaryOperator.Negate => Expression.Negate(converted),
                    UnaryOperator.Complement => Expression.OnesComplement(converted),
                    _ => converted,
                };
            }
        }

        if (op is UnaryOperator.Negate or UnaryOperator.Plus && !type.IsPrimitive)
        {
            try
            {
                return op == UnaryOperator.Negate ? Expression.Negate(operand) : Expression.UnaryPlus(operand);
            }
            catch (InvalidOperationException)
            {
                // no user-defined operator either
            }
        }

        throw context.Error($"operator '{Symbol(op)}' cannot be applied to an operand of type '{Describe(operand)}'", position);
    }

    public static string Symbol(UnaryOperator op) => op switch
    {
        UnaryOperator.Plus => "+", UnaryOperator.Negate => "-", UnaryOperator.Not => "!", UnaryOperator.Complement => "~",
        UnaryOperator.PreIncrement or UnaryOperator.PostIncrement => "++", _ => "--",
    };

    /// <summary>Static type object (not the null literal): its value's type decides at run time.</summary>
    public static bool IsDynamic(Expression e) => e.Type == typeof(object) && !Conversions.IsNullLiteral(e);

    private static string Describe(Expression e) => Conversions.IsNullLiteral(e) ? "null" : TypeNames.Display(e.Type);

    private static Type Lift(Type type, bool lifted) => lifted ? Conversions.MakeNullable(type) : type;

    private static Expression CompareWithNull(BinaryOperator op, Expression other)
    {
        if (Conversions.IsNullLiteral(other) || !Conversions.AcceptsNull(other.Type))
        {
            // null == null; a non-nullable value is never null (C# warns and folds the same way).
            return Expression.Constant(Conversions.IsNullLiteral(other) == (op == BinaryOperator.Equal));
        }

        var nullValue = Expression.Constant(null, other.Type);
        if (Conversions.IsNullable(other.Type))
        {
            return op == BinaryOperator.Equal ? Expression.Equal(other, nullValue) : Expression.NotEqual(other, nullValue);
        }

        return op == BinaryOperator.Equal ? Expression.ReferenceEqual(other, nullValue) : Expression.ReferenceNotEqual(other, nullValue);
    }

    private static Expression Concatenate(Expression left, Expression right)
    {
        var l = AsString(left);
        var r = AsString(right);
        return l.Type == typeof(string) && r.Type == typeof(string)
            ? Expression.Call(ConcatStrings, l, r)
            : Expression.Call(ConcatObjects, Conversions.Convert(l, typeof(object)), Conversions.Convert(r, typeof(object)));
    }

    /// <summary>Strings stay, non-nullable values call their own ToString (no boxing), the rest is passed as object.</summary>
    private static Expression AsString(Expression e)
    {
        if (e.Type == typeof(string))
        {
            return e;
        }

        if (Conversions.IsNullLiteral(e))
        {
            return Expression.Constant(null, typeof(string));
        }

        return e.Type.IsValueType && !Conversions.IsNullable(e.Type)
            ? Expression.Call(e, e.Type.GetMethod(nameof(ToString), Type.EmptyTypes)!)
            : e;
    }

    private static Expression? Enum(BinaryOperator op, Expression left, Expression right, int position, BindContext context)
    {
        var enumType = Conversions.Unwrap(left.Type).IsEnum ? Conversions.Unwrap(left.Type)
            : Conversions.Unwrap(right.Type).IsEnum ? Conversions.Unwrap(right.Type) : null;
        if (enumType is null)
        {
            return null;
        }

        var lifted = Conversions.IsNullable(left.Type) || Conversions.IsNullable(right.Type);
        var underlying = Lift(System.Enum.GetUnderlyingType(enumType), lifted);
        var operandType = Lift(enumType, lifted);
        var bothEnums = Conversions.HasImplicit(left, operandType) && Conversions.HasImplicit(right, operandType);
        var l = bothEnums ? Expression.Convert(Conversions.Convert(left, operandType), underlying) : null;
        var r = bothEnums ? Expression.Convert(Conversions.Convert(right, operandType), underlying) : null;
        switch (op)
        {
            case BinaryOperator.And or BinaryOperator.Or or BinaryOperator.ExclusiveOr when bothEnums:
                return Expression.Convert(Binary(op, l!, r!, position, context), operandType);
            case var _ when IsComparison(op) && bothEnums:
                return Binary(op, l!, r!, position, context);
            case BinaryOperator.Subtract when bothEnums:
                return Binary(op, l!, r!, position, context);
            case BinaryOperator.Add or BinaryOperator.Subtract:
                var enumSide = Conversions.Unwrap(left.Type).IsEnum ? left : right;
                var offset = enumSide == left ? right : left;
                if (!NumericTypes.IsIntegral(Conversions.Unwrap(offset.Type)) || (op == BinaryOperator.Subtract && enumSide != left))
                {
                    return null;
                }

                var value = Expression.Convert(Conversions.Convert(enumSide, operandType), underlying);
                var sum = enumSide == left
                    ? Binary(op, value, offset, position, context)
                    : Binary(op, offset, value, position, context);
                return Expression.Convert(Expression.Convert(sum, underlying), operandType);
            default:
                return null;
        }
    }

    private static Expression? Numeric(BinaryOperator op, Expression left, Expression right)
    {
        var lt = Conversions.Unwrap(left.Type);
        var rt = Conversions.Unwrap(right.Type);
        if (!NumericTypes.IsNumeric(lt) || !NumericTypes.IsNumeric(rt))
        {
            return null;
        }

        var lifted = Conversions.IsNullable(left.Type) || Conversions.IsNullable(right.Type);
        if (op is BinaryOperator.LeftShift or BinaryOperator.RightShift)
        {
            var shifted = NumericTypes.PromoteUnary(lt);
            if (!NumericTypes.IsIntegral(shifted) || !Conversions.HasImplicit(right, Lift(typeof(int), lifted)))
            {
                return null;
            }

            var count = Conversions.Convert(right, Lift(typeof(int), lifted));
            var value = Conversions.Convert(left, Lift(shifted, lifted));
            return op == BinaryOperator.LeftShift ? Expression.LeftShift(value, count) : Expression.RightShift(value, count);
        }

        // A constant operand takes the other's unsigned type when it fits: uint + 1 is uint, ulong > 5 is ulong.
        var type = ConstantAdapts(right, lt) ? lt : ConstantAdapts(left, rt) ? rt : NumericTypes.Promote(NumericTypes.PromoteUnary(lt), NumericTypes.PromoteUnary(rt));
        if (type is null || (op is BinaryOperator.And or BinaryOperator.Or or BinaryOperator.ExclusiveOr && !NumericTypes.IsIntegral(type)))
        {
            return null;
        }

        type = NumericTypes.PromoteUnary(type);
        var operandType = Lift(type, lifted);
        return Make(op, Conversions.Convert(left, operandType), Conversions.Convert(right, operandType), null);
    }

    private static bool ConstantAdapts(Expression constant, Type other) =>
        (other == typeof(uint) || other == typeof(ulong)) && constant is ConstantExpression { Value: { } value } &&
        NumericTypes.Fits(value, other);

    private static Expression? Boolean(BinaryOperator op, Expression left, Expression right)
    {
        if (Conversions.Unwrap(left.Type) != typeof(bool) || Conversions.Unwrap(right.Type) != typeof(bool) ||
            op is not (BinaryOperator.And or BinaryOperator.Or or BinaryOperator.ExclusiveOr or BinaryOperator.Equal or BinaryOperator.NotEqual))
        {
            return null;
        }

        var type = Conversions.IsNullable(left.Type) || Conversions.IsNullable(right.Type) ? typeof(bool?) : typeof(bool);
        return Make(op, Conversions.Convert(left, type), Conversions.Convert(right, type), null);
    }

    private static Expression? UserDefined(BinaryOperator op, Expression left, Expression right)
    {
        var name = OperatorMethodName(op);
        if (name is null)
        {
            return null;
        }

        var candidates = new[] { Conversions.Unwrap(left.Type), Conversions.Unwrap(right.Type) }
            .Distinct()
            .Where(t => !t.IsPrimitive)
            .SelectMany(t => MemberLookup.FindMethods(t, name))
            .Where(m => m.IsStatic && m.IsPublic && m.GetParameters().Length == 2)
            .Cast<MethodBase>()
            .ToList();
        var resolution = OverloadResolver.Resolve(candidates, [new Argument(left, null, 0), new Argument(right, null, 0)], null, lifting: true);
        if (resolution is null)
        {
            return null;
        }

        var method = (MethodInfo)resolution.Method;
        var parameters = method.GetParameters();
        var lifted = Conversions.IsNullable(left.Type) || Conversions.IsNullable(right.Type);
        var l = Conversions.Convert(left, Lift(parameters[0].ParameterType, lifted));
        var r = Conversions.Convert(right, Lift(parameters[1].ParameterType, lifted));
        return Make(op, l, r, method);
    }

    private static Expression? ReferenceEquality(BinaryOperator op, Expression left, Expression right)
    {
        if (op is not (BinaryOperator.Equal or BinaryOperator.NotEqual) || left.Type.IsValueType || right.Type.IsValueType)
        {
            return null;
        }

        var l = Conversions.Convert(left, typeof(object));
        var r = Conversions.Convert(right, typeof(object));
        return op == BinaryOperator.Equal ? Expression.ReferenceEqual(l, r) : Expression.ReferenceNotEqual(l, r);
    }

    private static Expression Make(BinaryOperator op, Expression left, Expression right, MethodInfo? method) =>
        Expression.MakeBinary(ExpressionTypeOf(op), left, right, liftToNull: false, method);

    private static ExpressionType ExpressionTypeOf(BinaryOperator op) => op switch
    {
        BinaryOperator.Multiply => ExpressionType.Multiply, BinaryOperator.Divide => ExpressionType.Divide,
        BinaryOperator.Modulo => ExpressionType.Modulo, BinaryOperator.Add => ExpressionType.Add,
        BinaryOperator.Subtract => ExpressionType.Subtract, BinaryOperator.LeftShift => ExpressionType.LeftShift,
        BinaryOperator.RightShift => ExpressionType.RightShift, BinaryOperator.LessThan => ExpressionType.LessThan,
        BinaryOperator.GreaterThan => ExpressionType.GreaterThan, BinaryOperator.LessThanOrEqual => ExpressionType.LessThanOrEqual,
        BinaryOperator.GreaterThanOrEqual => ExpressionType.GreaterThanOrEqual, BinaryOperator.Equal => ExpressionType.Equal,
        BinaryOperator.NotEqual => ExpressionType.NotEqual, BinaryOperator.And => ExpressionType.And,
        BinaryOperator.ExclusiveOr => ExpressionType.ExclusiveOr, BinaryOperator.Or => ExpressionType.Or,
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    private static string? OperatorMethodName(BinaryOperator op) => op switch
    {
        BinaryOperator.Multiply => "op_Multiply", BinaryOperator.Divide => "op_Division", BinaryOperator.Modulo => "op_Modulus",
        BinaryOperator.Add => "op_Addition", BinaryOperator.Subtract => "op_Subtraction",
        BinaryOperator.LessThan => "op_LessThan", BinaryOperator.GreaterThan => "op_GreaterThan",
        BinaryOperator.LessThanOrEqual => "op_LessThanOrEqual", BinaryOperator.GreaterThanOrEqual => "op_GreaterThanOrEqual",
        BinaryOperator.Equal => "op_Equality", BinaryOperator.NotEqual => "op_Inequality",
        BinaryOperator.And => "op_BitwiseAnd", BinaryOperator.Or => "op_BitwiseOr", BinaryOperator.ExclusiveOr => "op_ExclusiveOr",
        _ => null,
    };
}
