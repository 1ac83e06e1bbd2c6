using System.Linq.Expressions;
using System.Reflection;
using System.Reflection.Emit;

namespace Diagnose.Sites;

/// <summary>
/// Writes an expression into an emitted hook: the simplest ones inline (parameters, primitive constants, numeric
/// conversions and boxing, arithmetic and comparisons of primitives), everything else as a LINQ-compiled delegate
/// over the hook's parameters kept in a static field and invoked. Delegates are compiled by LINQ with skipped
/// visibility checks, so non-public members of the app are read there; the emitted code itself only touches public
/// BCL types and the agent.
/// </summary>
internal sealed class ExpressionEmitter
{
    private readonly ILGenerator _il;
    private readonly IReadOnlyList<ParameterExpression> _parameters;
    private readonly Func<Type, object, FieldInfo> _staticField;

    /// <param name="il">The hook's IL.</param>
    /// <param name="parameters">The hook's values, in order; IL argument i + 1 (argument 0 is the site id).</param>
    /// <param name="staticField">Makes a static field of the given type holding the given value, for delegates.</param>
    public ExpressionEmitter(ILGenerator il, IReadOnlyList<ParameterExpression> parameters, Func<Type, object, FieldInfo> staticField)
    {
        _il = il;
        _parameters = parameters;
        _staticField = staticField;
    }

    /// <summary>True when <see cref="Emit"/> writes the expression as plain IL, calling nothing (no delegate).</summary>
    public bool IsPlain(Expression expression, Type type) => IsStaticConstant(expression, type) || IsInline(expression, type);

    /// <summary>Pushes the value of <paramref name="expression"/>, of type <paramref name="type"/> (a public BCL type).</summary>
    public void Emit(Expression expression, Type type)
    {
        if (IsStaticConstant(expression, type))
        {
            _il.Emit(OpCodes.Ldsfld, _staticField(type, ((ConstantExpression)expression).Value!));
            return;
        }

        if (IsInline(expression, type))
        {
            Inline(expression);
            Conversion(expression.Type, type);
            return;
        }

        var lambda = Expression.Lambda(Expression.GetFuncType([.. _parameters.Select(p => p.Type), type]), Convert(expression, type), _parameters);
        var function = lambda.Compile();
        _il.Emit(OpCodes.Ldsfld, _staticField(function.GetType(), function));
        for (var i = 0; i < _parameters.Count; i++)
        {
            _il.Emit(OpCodes.Ldarg, (short)(i + 1));
        }

        _il.Emit(OpCodes.Callvirt, function.GetType().GetMethod("Invoke")!);
    }

    private bool IsStaticConstant(Expression expression, Type type) =>
        expression is ConstantExpression { Value: { } constant } && !CanInline(expression) && type.IsInstanceOfType(constant);

    private bool IsInline(Expression expression, Type type) =>
        CanInline(expression) && (expression.Type == type || (IsNumber(expression.Type) && IsNumber(type)) || type == typeof(object));

    private static Expression Convert(Expression expression, Type type) =>
        expression.Type == type ? expression : Expression.Convert(expression, type);

    private bool CanInline(Expression expression) => expression switch
    {
        ParameterExpression p => _parameters.Contains(p),
        ConstantExpression { Value: null } c => !c.Type.IsValueType,
        ConstantExpression c => IsNumber(c.Type) || c.Type == typeof(bool) || c.Type == typeof(char) || c.Type == typeof(string),
        UnaryExpression { NodeType: ExpressionType.Convert, Method: null } u =>
            CanInline(u.Operand) && ((IsNumber(u.Operand.Type) && IsNumber(u.Type)) || (u.Type == typeof(object) && (u.Operand.Type.IsPrimitive || !u.Operand.Type.IsValueType))),
        BinaryExpression { Method: null } b when s_arithmetic.ContainsKey(b.NodeType) || s_comparisons.Contains(b.NodeType) =>
            b.Left.Type == b.Right.Type && IsNumber(b.Left.Type) && CanInline(b.Left) && CanInline(b.Right),
        _ => false,
    };

    private static bool IsNumber(Type type) => type.IsPrimitive && type != typeof(bool) && type != typeof(char) && type != typeof(IntPtr) && type != typeof(UIntPtr);

    private static bool IsUnsigned(Type type) => type == typeof(byte) || type == typeof(ushort) || type == typeof(uint) || type == typeof(ulong);

    private static readonly Dictionary<ExpressionType, OpCode> s_arithmetic = new()
    {
        [ExpressionType.Add] = OpCodes.Add,
        [ExpressionType.Subtract] = OpCodes.Sub,
        [ExpressionType.Multiply] = OpCodes.Mul,
        [ExpressionType.Divide] = OpCodes.Div,
        [ExpressionType.Modulo] = OpCodes.Rem,
    };

    private static readonly HashSet<ExpressionType> s_comparisons =
        [ExpressionType.Equal, ExpressionType.NotEqual, ExpressionType.LessThan, ExpressionType.LessThanOrEqual, ExpressionType.GreaterThan, ExpressionType.GreaterThanOrEqual];

    private void Inline(Expression expression)
    {
        switch (expression)
        {
            case ParameterExpression p:
                _il.Emit(OpCodes.Ldarg, (short)(IndexOf(p) + 1));
                break;
            case ConstantExpression c:
                Constant(c);
                break;
            case UnaryExpression u:
                Inline(u.Operand);
                Conversion(u.Operand.Type, u.Type);
                break;
            case BinaryExpression b when s_arithmetic.TryGetValue(b.NodeType, out var op):
                Inline(b.Left);
                Inline(b.Right);
                var unsigned = IsUnsigned(b.Left.Type) && b.NodeType is ExpressionType.Divide or ExpressionType.Modulo;
                _il.Emit(unsigned ? (b.NodeType == ExpressionType.Divide ? OpCodes.Div_Un : OpCodes.Rem_Un) : op);
                NarrowAfterArithmetic(b.Left.Type);
                break;
            case BinaryExpression b:
                Inline(b.Left);
                Inline(b.Right);
                Comparison(b.NodeType, IsUnsigned(b.Left.Type), b.Left.Type == typeof(float) || b.Left.Type == typeof(double));
                break;
            default:
                throw new InvalidOperationException($"cannot inline {expression.NodeType}");
        }
    }

    private int IndexOf(ParameterExpression parameter)
    {
        for (var i = 0; i < _parameters.Count; i++)
        {
            if (_parameters[i] == parameter)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"parameter {parameter.Name} is not one of the hook's");
    }

    private void Constant(ConstantExpression constant)
    {
        switch (constant.Value)
        {
            case null:
                _il.Emit(OpCodes.Ldnull);
                break;
            case string s:
                _il.Emit(OpCodes.Ldstr, s);
                break;
            case bool b:
                _il.Emit(b ? OpCodes.Ldc_I4_1 : OpCodes.Ldc_I4_0);
                break;
            case long l:
                _il.Emit(OpCodes.Ldc_I8, l);
                break;
            case ulong ul:
                _il.Emit(OpCodes.Ldc_I8, unchecked((long)ul));
                break;
            case float f:
                _il.Emit(OpCodes.Ldc_R4, f);
                break;
            case double d:
                _il.Emit(OpCodes.Ldc_R8, d);
                break;
            default:
                _il.Emit(OpCodes.Ldc_I4, unchecked((int)System.Convert.ToInt64(constant.Value, System.Globalization.CultureInfo.InvariantCulture)));
                break;
        }
    }

    /// <summary>Arithmetic on small integers leaves an int32 on the stack; bring it back to the operand type.</summary>
    private void NarrowAfterArithmetic(Type type)
    {
        if (type == typeof(byte) || type == typeof(sbyte) || type == typeof(short) || type == typeof(ushort))
        {
            NumericConversion(typeof(int), type);
        }
    }

    /// <summary>A numeric conversion, or boxing to object (a reference stays as it is).</summary>
    private void Conversion(Type from, Type to)
    {
        if (to == typeof(object))
        {
            if (from.IsValueType)
            {
                _il.Emit(OpCodes.Box, from);
            }

            return;
        }

        NumericConversion(from, to);
    }

    private void NumericConversion(Type from, Type to)
    {
        if (from == to)
        {
            return;
        }

        if (IsUnsigned(from) && (to == typeof(float) || to == typeof(double)))
        {
            _il.Emit(OpCodes.Conv_R_Un);
        }

        _il.Emit(Type.GetTypeCode(to) switch
        {
            TypeCode.SByte => OpCodes.Conv_I1,
            TypeCode.Byte => OpCodes.Conv_U1,
            TypeCode.Int16 => OpCodes.Conv_I2,
            TypeCode.UInt16 => OpCodes.Conv_U2,
            TypeCode.Int32 => OpCodes.Conv_I4,
            TypeCode.UInt32 => OpCodes.Conv_U4,
            TypeCode.Int64 => IsUnsigned(from) ? OpCodes.Conv_U8 : OpCodes.Conv_I8,
            TypeCode.UInt64 => IsUnsigned(from) ? OpCodes.Conv_U8 : OpCodes.Conv_I8,
            TypeCode.Single => OpCodes.Conv_R4,
            _ => OpCodes.Conv_R8,
        });
    }

    /// <summary>
    /// A comparison of the two operands on the stack, leaving 0 or 1, with C#'s meaning: unsigned integers compare
    /// unsigned, and any comparison with NaN is false except != (so &lt;= is !(a &gt; b) with the unordered form).
    /// </summary>
    private void Comparison(ExpressionType type, bool unsigned, bool floating)
    {
        switch (type)
        {
            case ExpressionType.Equal:
                _il.Emit(OpCodes.Ceq);
                break;
            case ExpressionType.NotEqual:
                _il.Emit(OpCodes.Ceq);
                Not();
                break;
            case ExpressionType.LessThan:
                _il.Emit(unsigned ? OpCodes.Clt_Un : OpCodes.Clt);
                break;
            case ExpressionType.GreaterThan:
                _il.Emit(unsigned ? OpCodes.Cgt_Un : OpCodes.Cgt);
                break;
            case ExpressionType.LessThanOrEqual:
                _il.Emit(unsigned || floating ? OpCodes.Cgt_Un : OpCodes.Cgt);
                Not();
                break;
            default:
                _il.Emit(unsigned || floating ? OpCodes.Clt_Un : OpCodes.Clt);
                Not();
                break;
        }
    }

    private void Not()
    {
        _il.Emit(OpCodes.Ldc_I4_0);
        _il.Emit(OpCodes.Ceq);
    }
}
