using System.Linq.Expressions;
using System.Reflection;

namespace Diagnose.Expressions;

/// <summary>
/// Reads members, indexes and calls methods on a bound receiver (or a type, for statics), public or not.
/// When an object, interface or abstract receiver lacks the member, or no overload fits because some arguments are
/// late-bound objects, the access is left to run time (<see cref="LateBoundSite"/>); otherwise it is an error
/// naming the type and the member.
/// </summary>
internal static class MemberBinder
{
    private static readonly PropertyInfo AnonymousIndexer = typeof(AnonymousObject).GetProperty("Item")!;

    /// <summary>Whether a missing member may still exist on the run-time type.</summary>
    public static bool IsLateBindable(Type type) =>
        type == typeof(object) || type.IsInterface || (type.IsAbstract && !type.IsSealed);

    public static Expression BindMember(Expression instance, string name, int position, BindContext context)
    {
        var type = instance.Type;
        if (type == typeof(AnonymousObject))
        {
            return Expression.Property(instance, AnonymousIndexer, Expression.Constant(name));
        }

        if (MemberLookup.FindValue(type, name) is { } member)
        {
            return Read(member.IsStatic() ? null : instance, member, position, context);
        }

        if (context.LateBinding && IsLateBindable(type))
        {
            return LateBoundSite.Member(instance, name, position, context);
        }

        throw Missing(type, name, position, context);
    }

    public static Expression BindStatic(Type type, string name, int position, BindContext context)
    {
        if (MemberLookup.FindValue(type, name) is not { } member)
        {
            throw Missing(type, name, position, context);
        }

        return member.IsStatic()
            ? Read(null, member, position, context)
            : throw context.Error($"'{TypeNames.Display(member)}' is an instance member: it needs an object", position);
    }

    public static Expression Read(Expression? instance, MemberInfo member, int position, BindContext context)
    {
        AllowList.CheckRead(member, position, context);
        var type = member is FieldInfo f ? f.FieldType : ((PropertyInfo)member).PropertyType;
        if (type.IsByRefLike || type.IsPointer || type.IsByRef)
        {
            throw context.Error($"cannot read '{TypeNames.Display(member)}': its type cannot be held in an expression", position);
        }

        switch (member)
        {
            case FieldInfo { IsLiteral: true } constant:
                return Expression.Constant(constant.GetRawConstantValue() is { } raw && type.IsEnum ? Enum.ToObject(type, raw) : constant.GetRawConstantValue(), type);
            case FieldInfo field:
                return Expression.Field(instance, field);
            case PropertyInfo { GetMethod: null }:
                throw context.Error($"'{TypeNames.Display(member)}' cannot be read (it has no getter)", position);
            default:
                return Expression.Property(instance, (PropertyInfo)member);
        }
    }

    public static Expression BindIndex(
        Expression instance, IReadOnlyList<Argument> arguments, int position, BindContext context, ILambdaBinder? lambdas)
    {
        var type = instance.Type;
        if (type.IsArray && arguments.All(a => a.Value is not null) && !(context.LateBinding && HasDynamic(arguments)))
        {
            if (arguments.Count != type.GetArrayRank())
            {
                throw context.Error($"'{TypeNames.Display(type)}' needs {type.GetArrayRank()} indexes, not {arguments.Count}", position);
            }

            var indexes = arguments.Select(a => Conversions.Implicit(a.Value!, typeof(int), a.Position, context)).ToList();
            return type.IsSZArray ? Expression.ArrayIndex(instance, indexes[0]) : Expression.ArrayAccess(instance, indexes);
        }

        var indexers = MemberLookup.FindIndexers(type);
        var resolution = OverloadResolver.Resolve(indexers.Select(p => p.GetMethod!), arguments, lambdas, out var lambdaError);
        if (resolution is not null)
        {
            var indexer = indexers.First(p => p.GetMethod == resolution.Method);
            AllowList.CheckRead(indexer, position, context);
            return Expression.MakeIndex(Instance(instance, indexer.DeclaringType!), indexer, resolution.Arguments);
        }

        if (context.LateBinding && (IsLateBindable(type) || HasDynamic(arguments)) && arguments.All(a => a.Value is not null))
        {
            return LateBoundSite.Index(instance, arguments.Select(a => a.Value!).ToList(), position, context);
        }

        throw lambdaError ?? (indexers.Length == 0
            ? context.Error($"'{TypeNames.Display(type)}' cannot be indexed", position)
            : context.Error($"no indexer of '{TypeNames.Display(type)}' takes {Describe(arguments)}", position));
    }

    /// <summary>A method call on <paramref name="instance"/>, or a static call on <paramref name="type"/> when it is null.</summary>
    public static Expression BindCall(
        Expression? instance, Type type, string name, Type[]? typeArguments, IReadOnlyList<Argument> arguments,
        int position, BindContext context, ILambdaBinder? lambdas)
    {
        var methods = MemberLookup.FindMethods(type, name).Where(m => m.IsStatic == (instance is null));
        var resolution = OverloadResolver.Resolve(WithTypeArguments(methods, typeArguments), arguments, lambdas, out var lambdaError);
        if (resolution is null && instance is not null)
        {
            var extensions = WithTypeArguments(MemberLookup.FindExtensions(name), typeArguments);
            resolution = OverloadResolver.Resolve(extensions, [Argument.Of(instance), .. arguments], lambdas, out var extensionError);
            lambdaError ??= extensionError;
        }

        if (resolution is null && instance is null && context.LateBinding && typeArguments is null && HasDynamic(arguments) &&
            arguments.All(a => a.Value is not null))
        {
            return LateBoundSite.StaticCall(type, name, arguments.Select(a => a.Value!).ToList(), position, context);
        }

        if (resolution is null)
        {
            return instance is null
                ? throw NoOverload(type, name, arguments, position, context, lambdaError)
                : Unresolved(instance, name, typeArguments, arguments, position, context, lambdas, lambdaError);
        }

        var method = (MethodInfo)resolution.Method;
        AllowList.CheckCall(method, position, context);
        return method.IsStatic
            ? Expression.Call(method, resolution.Arguments)
            : Expression.Call(Instance(instance!, method.DeclaringType!), method, resolution.Arguments);
    }

    /// <summary>Calls a delegate value; in restricted mode only when it is <paramref name="trusted"/> (a registered global).</summary>
    public static Expression Invoke(
        Expression target, IReadOnlyList<Argument> arguments, bool trusted, int position, BindContext context, ILambdaBinder? lambdas)
    {
        var invoke = target.Type.BaseType == typeof(MulticastDelegate) ? target.Type.GetMethod("Invoke")! : null;
        if (invoke is null)
        {
            throw context.Error($"'{TypeNames.Display(target.Type)}' is not a function", position);
        }

        if (!trusted && !context.Unrestricted)
        {
            throw context.Error($"invoking '{TypeNames.Display(target.Type)}' is not allowed (side effects)", position);
        }

        var resolution = OverloadResolver.Resolve([invoke], arguments, lambdas, out var lambdaError) ??
            throw lambdaError ?? context.Error($"'{TypeNames.Display(target.Type)}' does not take {Describe(arguments)}", position);
        return Expression.Invoke(target, resolution.Arguments);
    }

    /// <summary>Whether an argument is a late-bound value (static type object), whose run-time type may fit where object does not.</summary>
    private static bool HasDynamic(IReadOnlyList<Argument> arguments) =>
        arguments.Any(a => a.Value is { } value && OperatorBinder.IsDynamic(value));

    public static string Describe(IReadOnlyList<Argument> arguments) => arguments.Count == 0
        ? "no arguments"
        : "arguments (" + string.Join(", ", arguments.Select(a =>
            a.Value is null ? "lambda" : Conversions.IsNullLiteral(a.Value) ? "null" : TypeNames.Display(a.Value.Type))) + ")";

    /// <summary>"'T' does not have a member 'x'", or, when x is a method used without a call, how to call it.</summary>
    public static ExpressionException Missing(Type type, string name, int position, BindContext context) =>
        MemberLookup.FindMethods(type, name).Length > 0
            ? context.Error($"'{TypeNames.Display(type)}.{name}' is a method: call it with ()", position)
            : context.Error($"'{TypeNames.Display(type)}' does not have a member '{name}'", position);

    private static Expression Unresolved(
        Expression instance, string name, Type[]? typeArguments, IReadOnlyList<Argument> arguments, int position,
        BindContext context, ILambdaBinder? lambdas, ExpressionException? lambdaError)
    {
        var type = instance.Type;
        if (MemberLookup.FindValue(type, name) is { } member && TypeOf(member).BaseType == typeof(MulticastDelegate))
        {
            return Invoke(Read(member.IsStatic() ? null : instance, member, position, context), arguments, false, position, context, lambdas);
        }

        var hasMethods = MemberLookup.FindMethods(type, name).Length > 0 || MemberLookup.FindExtensions(name).Any();
        if (context.LateBinding && typeArguments is null && arguments.All(a => a.Value is not null) &&
            ((IsLateBindable(type) && (!hasMethods || type == typeof(object))) || HasDynamic(arguments)))
        {
            return LateBoundSite.Call(instance, name, arguments.Select(a => a.Value!).ToList(), position, context);
        }

        throw NoOverload(type, name, arguments, position, context, lambdaError);
    }

    private static ExpressionException NoOverload(
        Type type, string name, IReadOnlyList<Argument> arguments, int position, BindContext context, ExpressionException? lambdaError)
    {
        if (lambdaError is not null)
        {
            return lambdaError;
        }

        var exists = MemberLookup.FindMethods(type, name).Length > 0 || MemberLookup.FindExtensions(name).Any();
        return exists
            ? context.Error($"no overload of '{TypeNames.Display(type)}.{name}' takes {Describe(arguments)}", position)
            : context.Error($"'{TypeNames.Display(type)}' does not have a member '{name}'", position);
    }

    private static IEnumerable<MethodBase> WithTypeArguments(IEnumerable<MethodInfo> methods, Type[]? typeArguments)
    {
        foreach (var method in methods)
        {
            if (typeArguments is null)
            {
                yield return method;
            }
            else if (method.IsGenericMethodDefinition && method.GetGenericArguments().Length == typeArguments.Length &&
                MakeGeneric(method, typeArguments) is { } constructed)
            {
                yield return constructed;
            }
        }
    }

    private static MethodInfo? MakeGeneric(MethodInfo method, Type[] typeArguments)
    {
        try
        {
            return method.MakeGenericMethod(typeArguments);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The receiver as the member's declaring type expects it (boxed for object's methods on a struct).</summary>
    private static Expression Instance(Expression instance, Type declaringType) =>
        instance.Type.IsValueType && !declaringType.IsValueType || instance.Type.IsInterface && declaringType == typeof(object)
            ? Expression.Convert(instance, declaringType)
            : instance;

    private static Type TypeOf(MemberInfo member) => member is FieldInfo f ? f.FieldType : ((PropertyInfo)member).PropertyType;

    private static bool IsStatic(this MemberInfo member) =>
        member is FieldInfo { IsStatic: true } || member is PropertyInfo { GetMethod.IsStatic: true };
}
