using System.Linq.Expressions;

namespace Diagnose.Expressions;

/// <summary>
/// Binds calls (methods, static methods, global functions, delegates), indexes and null-conditional chains.
/// A call of a name prefers the manager's global functions (<c>len</c>, <c>mag</c>, registered delegates).
/// </summary>
internal sealed class CallBinder(Binder binder)
{
    private BindContext Context => binder.Context;

    public Expression BindCall(CallSyntax call)
    {
        switch (call.Target)
        {
            case MemberAccessSyntax member:
                var receiver = binder.BindReceiver(member.Target);
                var typeArguments = binder.ResolveTypes(member.TypeArguments);
                var arguments = binder.BindArguments(call.Arguments);
                if (receiver.Type is { } type)
                {
                    return MemberBinder.BindCall(null, type, member.Name, typeArguments, arguments, member.Position, Context, binder);
                }

                var instance = binder.ValueOf(receiver, member.Target);
                return MemberBinder.BindCall(instance, instance.Type, member.Name, typeArguments, arguments, member.Position, Context, binder);
            case NameSyntax { TypeArguments: null } name when binder.Globals.TryGetValue(name.Name, out var global) && global is Delegate function:
                return BindGlobal(function, name, call.Arguments);
            default:
                var target = binder.BindValue(call.Target);
                return MemberBinder.Invoke(target, binder.BindArguments(call.Arguments), false, call.Target.Position, Context, binder);
        }
    }

    public Expression BindIndex(IndexSyntax index)
    {
        var target = binder.BindValue(index.Target);
        return MemberBinder.BindIndex(target, binder.BindArguments(index.Arguments), index.Position, Context, binder);
    }

    /// <summary>
    /// <c>a?.b.c</c>: a is evaluated once; when null the whole chain is null (a value type result becomes nullable),
    /// otherwise the chain runs on a's value (the underlying value for a nullable a).
    /// </summary>
    public Expression BindConditionalAccess(ConditionalAccessSyntax access)
    {
        var target = binder.BindValue(access.Target);
        if (!Conversions.AcceptsNull(target.Type))
        {
            throw Context.Error($"operator '?.' cannot be applied to a '{TypeNames.Display(target.Type)}', which is never null", access.Position);
        }

        var variable = target as ParameterExpression ?? Expression.Variable(target.Type, "receiver");
        var receiver = Conversions.IsNullable(target.Type)
            ? Expression.Call(variable, target.Type.GetMethod("GetValueOrDefault", Type.EmptyTypes)!)
            : (Expression)variable;
        var whenNotNull = binder.WithConditionalReceiver(receiver, access.WhenNotNull);
        var hasValue = Conversions.IsNullable(target.Type)
            ? (Expression)Expression.Property(variable, "HasValue")
            : Expression.ReferenceNotEqual(variable, Expression.Constant(null, target.Type));
        Expression result = whenNotNull.Type == typeof(void)
            ? Expression.IfThen(hasValue, whenNotNull)
            : Expression.Condition(
                hasValue,
                Conversions.Convert(whenNotNull, Conversions.MakeNullable(whenNotNull.Type)),
                Expression.Default(Conversions.MakeNullable(whenNotNull.Type)));
        return variable == target ? result : Expression.Block([variable], Expression.Assign(variable, target), result);
    }

    private Expression BindGlobal(Delegate function, NameSyntax name, IReadOnlyList<Syntax> argumentSyntax)
    {
        var arguments = binder.BindArguments(argumentSyntax);
        if (arguments.All(a => a.Value is not null) &&
            BuiltinBinder.TryBind(function, arguments.Select(a => a.Value!).ToList(), name.Position, Context) is { } builtin)
        {
            return builtin;
        }

        return MemberBinder.Invoke(Expression.Constant(function), arguments, trusted: true, name.Position, Context, binder);
    }
}
