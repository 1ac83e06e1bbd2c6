using System.Linq.Expressions;
using System.Reflection;

namespace Diagnose.Expressions;

/// <summary>
/// <c>new</c>: anonymous objects (an <see cref="AnonymousObject"/>), arrays (element type given or the best common
/// type), and objects with constructor arguments and member or collection initializers (restricted mode allows only
/// value-like types such as DateTime, TimeSpan and Guid).
/// </summary>
internal static class CreationBinder
{
    private static readonly ConstructorInfo AnonymousConstructor = typeof(AnonymousObject).GetConstructor([typeof(string[]), typeof(object?[])])!;

    public static Expression Bind(Syntax syntax, Binder binder) => syntax switch
    {
        AnonymousObjectSyntax anonymous => BindAnonymous(anonymous, binder),
        ArrayCreationSyntax array => BindArray(array, binder),
        _ => BindObject((ObjectCreationSyntax)syntax, binder),
    };

    private static Expression BindAnonymous(AnonymousObjectSyntax anonymous, Binder binder)
    {
        var duplicate = anonymous.Members.GroupBy(m => m.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw binder.Context.Error($"the anonymous object has two members named '{duplicate.Key}'", duplicate.Last().Position);
        }

        var names = anonymous.Members.Select(m => m.Name).ToArray();
        var values = anonymous.Members.Select(m => Conversions.Convert(binder.BindValue(m.Value), typeof(object)));
        return Expression.New(AnonymousConstructor, Expression.Constant(names), Expression.NewArrayInit(typeof(object), values));
    }

    private static Expression BindArray(ArrayCreationSyntax array, Binder binder)
    {
        var context = binder.Context;
        var declared = array.ElementType is null ? null : binder.ResolveType(array.ElementType);
        if (array.Lengths is { } lengths)
        {
            var sizes = lengths.Select(l => Conversions.Implicit(binder.BindValue(l), typeof(int), l.Position, context));
            return Expression.NewArrayBounds(declared!, sizes);
        }

        var elements = array.Elements!.Select(binder.BindValue).ToList();
        var type = declared ?? BestType(elements) ??
            throw context.Error("no best type for the elements of this implicitly typed array", array.Position);
        return Expression.NewArrayInit(type, elements.Select((e, i) => Conversions.Implicit(e, type, array.Elements![i].Position, context)));
    }

    private static Type? BestType(List<Expression> elements)
    {
        // Lenient where C# is not: { 1, null } makes an int?[].
        var hasNull = elements.Any(Conversions.IsNullLiteral);
        return elements.Where(e => !Conversions.IsNullLiteral(e))
            .Select(e => hasNull ? Conversions.MakeNullable(e.Type) : e.Type)
            .Distinct()
            .FirstOrDefault(t => elements.All(e => Conversions.HasImplicit(e, t)));
    }

    private static Expression BindObject(ObjectCreationSyntax creation, Binder binder)
    {
        var context = binder.Context;
        var type = binder.ResolveType(creation.Type);
        if (!context.Unrestricted && !AllowList.IsCreationAllowed(type))
        {
            throw AllowList.CreationRefused(type, creation.Type.Position, context);
        }

        var arguments = binder.BindArguments(creation.Arguments);
        NewExpression created;
        if (arguments.Count == 0 && type.IsValueType)
        {
            created = Expression.New(type);
        }
        else
        {
            var constructors = type.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance);
            var resolution = OverloadResolver.Resolve(constructors, arguments, binder, out var lambdaError) ??
                throw lambdaError ?? context.Error($"no constructor of '{TypeNames.Display(type)}' takes {MemberBinder.Describe(arguments)}", creation.Type.Position);
            created = Expression.New((ConstructorInfo)resolution.Method, resolution.Arguments);
        }

        return creation.Initializers is { } initializers ? Initialize(created, initializers, binder) : created;
    }

    private static Expression Initialize(NewExpression created, IReadOnlyList<InitializerSyntax> initializers, Binder binder)
    {
        var context = binder.Context;
        if (initializers.Count > 0 && initializers.All(i => i.Member is not null))
        {
            var bindings = initializers.Select(i => BindMember(created.Type, i, binder));
            return Expression.MemberInit(created, bindings);
        }

        if (initializers.Any(i => i.Member is not null))
        {
            throw context.Error("an initializer cannot mix members and collection elements", initializers[0].Position);
        }

        var elements = initializers.Select(i =>
        {
            var arguments = binder.BindArguments(i.Values);
            var adds = MemberLookup.FindMethods(created.Type, "Add").Where(m => !m.IsStatic);
            var resolution = OverloadResolver.Resolve(adds, arguments, binder, out var lambdaError) ??
                throw lambdaError ?? context.Error($"'{TypeNames.Display(created.Type)}' has no Add method that takes {MemberBinder.Describe(arguments)}", i.Position);
            return Expression.ElementInit((MethodInfo)resolution.Method, resolution.Arguments);
        });
        return initializers.Count == 0 ? created : Expression.ListInit(created, elements);
    }

    private static MemberBinding BindMember(Type type, InitializerSyntax initializer, Binder binder)
    {
        var member = MemberLookup.FindValue(type, initializer.Member!) ?? throw MemberBinder.Missing(type, initializer.Member!, initializer.Position, binder.Context);
        var memberType = member is FieldInfo field ? field.FieldType : ((PropertyInfo)member).PropertyType;
        var value = Conversions.Implicit(binder.BindValue(initializer.Values[0]), memberType, initializer.Values[0].Position, binder.Context);
        return Expression.Bind(member, value);
    }
}
