using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;

namespace Diagnose.Expressions;

/// <summary>
/// One member access, index, call or operator whose receiver's static type (object, an interface) does not say
/// enough: the compiled expression calls this site with the values, and the site binds the operation on their
/// run-time types with the same rules as at compile time, compiles it once per (operation, types) into a shared
/// cache, and remembers the last types it saw, so a repeated call costs a type check or a dictionary lookup.
/// Errors (missing member, call not allowed, null receiver) throw <see cref="ExpressionException"/>.
/// </summary>
internal sealed class LateBoundSite
{
    private static readonly ConcurrentDictionary<LateBindingKey, Entry> Cache = new();
    private static readonly MethodInfo InvokeMethod = typeof(LateBoundSite).GetMethod(nameof(Invoke))!;

    private readonly string operation;
    private readonly Func<Expression, Expression[], Expression> bind;
    private readonly int position;
    private readonly BindContext context;
    private Entry? last;

    private LateBoundSite(string operation, Func<Expression, Expression[], Expression> bind, int position, BindContext context)
    {
        this.operation = operation;
        this.bind = bind;
        this.position = position;
        this.context = context;
    }

    private sealed record Entry(Type? Target, Type?[] Arguments, Func<object?, object?[], object?>? Run, string? Error);

    public static Expression Member(Expression target, string name, int position, BindContext context) =>
        Make($"member {name}", target, [], position, context,
            (t, _) => MemberBinder.BindMember(t, name, position, context.ForRuntimeTypes()));

    public static Expression Index(Expression target, IReadOnlyList<Expression> arguments, int position, BindContext context) =>
        Make("index", target, arguments, position, context,
            (t, a) => MemberBinder.BindIndex(t, a.Select(v => Argument.Of(v)).ToList(), position, context.ForRuntimeTypes(), null));

    public static Expression Call(Expression target, string name, IReadOnlyList<Expression> arguments, int position, BindContext context) =>
        Make($"call {name}", target, arguments, position, context,
            (t, a) => MemberBinder.BindCall(t, t.Type, name, null, a.Select(v => Argument.Of(v)).ToList(), position, context.ForRuntimeTypes(), null));

    /// <summary>A static call whose arguments include late-bound values: the overload is chosen on their run-time types.</summary>
    public static Expression StaticCall(Type type, string name, IReadOnlyList<Expression> arguments, int position, BindContext context) =>
        Make($"static {type.AssemblyQualifiedName}.{name}", Expression.Constant(type, typeof(Type)), arguments, position, context,
            (_, a) => MemberBinder.BindCall(null, type, name, null, a.Select(v => Argument.Of(v)).ToList(), position, context.ForRuntimeTypes(), null));

    public static Expression Binary(BinaryOperator op, Expression left, Expression right, int position, BindContext context)
    {
        var call = Make($"binary {op}", left, [right], position, context,
            (l, r) => OperatorBinder.Binary(op, l, r[0], position, context.ForRuntimeTypes()));
        return OperatorBinder.IsComparison(op) ? Expression.Convert(call, typeof(bool)) : call;
    }

    public static Expression Unary(UnaryOperator op, Expression operand, int position, BindContext context)
    {
        var call = Make($"unary {op}", operand, [], position, context,
            (o, _) => OperatorBinder.Unary(op, o, position, context.ForRuntimeTypes()));
        return op == UnaryOperator.Not ? Expression.Convert(call, typeof(bool)) : call;
    }

    /// <summary>Called by compiled expressions: runs the operation on the values' run-time types.</summary>
    public object? Invoke(object? target, object?[] arguments)
    {
        var entry = last;
        if (entry is null || entry.Target != target?.GetType() || !SameTypes(entry.Arguments, arguments))
        {
            var isOperator = operation.StartsWith("binary", StringComparison.Ordinal) || operation.StartsWith("unary", StringComparison.Ordinal);
            if (isOperator && (target is null || (arguments.Length == 1 && arguments[0] is null)))
            {
                return WithNull(target, arguments);
            }

            if (target is null)
            {
                var what = operation.StartsWith("index", StringComparison.Ordinal) ? "index null" : $"use '{operation[(operation.IndexOf(' ') + 1)..]}' of null";
                throw context.Error($"cannot {what}", position);
            }

            var types = arguments.Select(a => a?.GetType()).ToArray();
            var key = new LateBindingKey(operation, context.Unrestricted, target.GetType(), types);
            entry = last = Cache.GetOrAdd(key, _ => Compile(target.GetType(), types));
        }

        return entry.Run is { } run ? run(target, arguments) : throw context.Error(entry.Error!, position);
    }

    private static Expression Make(
        string operation, Expression target, IReadOnlyList<Expression> arguments, int position, BindContext context,
        Func<Expression, Expression[], Expression> bind)
    {
        var site = new LateBoundSite(operation, bind, position, context);
        var values = Expression.NewArrayInit(typeof(object), arguments.Select(a => Conversions.Convert(a, typeof(object))));
        return Expression.Call(Expression.Constant(site), InvokeMethod, Conversions.Convert(target, typeof(object)), values);
    }

    /// <summary>An operator with a null operand, by C#'s lifted rules: == and != compare, relations are false, the rest is null.</summary>
    private object? WithNull(object? left, object?[] arguments)
    {
        var right = arguments.Length == 1 ? arguments[0] : null;
        return operation switch
        {
            "binary Equal" => left is null && right is null,
            "binary NotEqual" => left is not null || right is not null,
            "binary LessThan" or "binary GreaterThan" or "binary LessThanOrEqual" or "binary GreaterThanOrEqual" => false,
            "binary Add" when left is string || right is string => string.Concat(left as string, right as string),
            _ => null,
        };
    }

    private Entry Compile(Type target, Type?[] types)
    {
        try
        {
            var targetValue = Expression.Parameter(typeof(object), "target");
            var argumentValues = Expression.Parameter(typeof(object?[]), "arguments");
            var typedArguments = types
                .Select((t, i) => t is null ? Conversions.NullLiteral() : Expression.Convert(Expression.ArrayIndex(argumentValues, Expression.Constant(i)), t))
                .ToArray();
            var body = bind(Expression.Convert(targetValue, target), typedArguments);
            var boxed = body.Type == typeof(void)
                ? Expression.Block(body, Expression.Constant(null))
                : Conversions.Convert(body, typeof(object));
            var run = Expression.Lambda<Func<object?, object?[], object?>>(boxed, targetValue, argumentValues).Compile();
            return new Entry(target, types, run, null);
        }
        catch (ExpressionException e)
        {
            return new Entry(target, types, null, e.Reason);
        }
    }

    private static bool SameTypes(Type?[] types, object?[] values)
    {
        if (types.Length != values.Length)
        {
            return false;
        }

        for (var i = 0; i < types.Length; i++)
        {
            if (types[i] != values[i]?.GetType())
            {
                return false;
            }
        }

        return true;
    }
}
