using System.Linq.Expressions;

namespace Diagnose.Expressions;

/// <summary>
/// Turns a syntax tree into a typed LINQ expression for one scope and set of options. Names resolve to lambda
/// parameters, then context names (asked of the scope once each, only when used), then globals, then types and
/// namespaces. Calls and indexes are bound by <see cref="CallBinder"/>, <c>new</c> by <see cref="CreationBinder"/>.
/// </summary>
internal sealed class Binder : ILambdaBinder
{
    private const int MaxNamesListed = 30;

    private readonly IExpressionScope scope;
    private readonly ExpressionOptions options;
    private readonly Dictionary<string, Expression?> contextNames = new(StringComparer.Ordinal);
    private readonly Dictionary<LambdaKey, (ParameterExpression[] Parameters, Expression Body)> lambdas = new();
    private readonly Stack<Expression> conditionalReceivers = new();
    private readonly CallBinder calls;
    private LambdaScope? lambdaScope;

    public Binder(string source, IExpressionScope scope, ExpressionOptions options)
    {
        this.scope = scope;
        this.options = options;
        Context = new BindContext(source, options.Unrestricted);
        calls = new CallBinder(this);
    }

    public BindContext Context { get; }

    public IReadOnlyDictionary<string, object?> Globals => options.Globals;

    public Expression BindRoot(Syntax root) => BindValue(root);

    public Expression BindValue(Syntax syntax) => syntax switch
    {
        LiteralSyntax literal => literal.Value is null ? Conversions.NullLiteral() : Expression.Constant(literal.Value),
        NameSyntax or MemberAccessSyntax or TypeSyntax => ValueOf(BindReceiver(syntax), syntax),
        InterpolatedStringSyntax interpolated => InterpolationBinder.Bind(interpolated, this),
        CallSyntax call => calls.BindCall(call),
        IndexSyntax index => calls.BindIndex(index),
        ConditionalAccessSyntax access => calls.BindConditionalAccess(access),
        ConditionalReceiverSyntax => conditionalReceivers.Peek(),
        UnarySyntax unary => BindUnary(unary),
        BinarySyntax binary => BindBinary(binary),
        ConditionalSyntax conditional => BindConditional(conditional),
        AssignmentSyntax assignment => AssignmentBinder.Bind(assignment, this),
        CastSyntax cast => Conversions.Explicit(BindValue(cast.Operand), ResolveType(cast.Type), cast.Position, Context),
        TypeTestSyntax test => BindTypeTest(test),
        TypeOperatorSyntax { Operator: TypeOperator.TypeOf } typeOf => Expression.Constant(ResolveType(typeOf.Type), typeof(Type)),
        TypeOperatorSyntax typeOperator => Expression.Default(ResolveType(typeOperator.Type)),
        AnonymousObjectSyntax or ArrayCreationSyntax or ObjectCreationSyntax => CreationBinder.Bind(syntax, this),
        LambdaSyntax lambda => throw Context.Error("a lambda can only be passed to a method that takes a delegate (such as Where or Count)", lambda.Position),
        _ => throw new InvalidOperationException($"unknown syntax {syntax.GetType().Name}"),
    };

    /// <summary>Binds <paramref name="whenNotNull"/> with <paramref name="receiver"/> standing for its <c>?.</c> target.</summary>
    public Expression WithConditionalReceiver(Expression receiver, Syntax whenNotNull)
    {
        conditionalReceivers.Push(receiver);
        try
        {
            return BindValue(whenNotNull);
        }
        finally
        {
            conditionalReceivers.Pop();
        }
    }

    public Type ResolveType(TypeSyntax syntax) => TypeResolver.Resolve(syntax, Context);

    public Type[]? ResolveTypes(IReadOnlyList<TypeSyntax>? syntax) => syntax?.Select(ResolveType).ToArray();

    public List<Argument> BindArguments(IReadOnlyList<Syntax> arguments) => arguments
        .Select(a => a is LambdaSyntax lambda ? new Argument(null, lambda, a.Position) : new Argument(BindValue(a), null, a.Position))
        .ToList();

    /// <summary>What the left of a '.' is: a value, a type or a namespace.</summary>
    public Receiver BindReceiver(Syntax syntax)
    {
        switch (syntax)
        {
            case NameSyntax name:
                return ResolveName(name);
            case TypeSyntax type:
                return Receiver.OfType(ResolveType(type), type.Position);
            case MemberAccessSyntax member:
                var target = BindReceiver(member.Target);
                var typeArguments = ResolveTypes(member.TypeArguments);
                if (target.Namespace is { } ns)
                {
                    var qualified = $"{ns}.{member.Name}";
                    return TypeResolver.FindType(qualified, typeArguments?.Length ?? 0) is { } found
                        ? Receiver.OfType(Construct(found, typeArguments, member), target.Position)
                        : Receiver.OfNamespace(qualified, target.Position);
                }

                if (target.Type is { } owner)
                {
                    if (typeArguments is null && MemberLookup.FindValue(owner, member.Name) is not null)
                    {
                        return Receiver.OfValue(MemberBinder.BindStatic(owner, member.Name, member.Position, Context), member.Position);
                    }

                    return TypeResolver.FindNested(owner, member.Name, typeArguments?.Length ?? 0) is { } nested
                        ? Receiver.OfType(Construct(nested, typeArguments, member), member.Position)
                        : throw MemberBinder.Missing(owner, member.Name, member.Position, Context);
                }

                return Receiver.OfValue(MemberBinder.BindMember(target.Value!, member.Name, member.Position, Context), member.Position);
            default:
                return Receiver.OfValue(BindValue(syntax), syntax.Position);
        }
    }

    /// <summary>The value a receiver stands for, or why a type or an unresolved name is not one.</summary>
    public Expression ValueOf(Receiver receiver, Syntax syntax)
    {
        if (receiver.Value is { } value)
        {
            return value;
        }

        if (receiver.Type is { } type)
        {
            throw Context.Error($"'{TypeNames.Display(type)}' is a type, not a value", syntax.Position);
        }

        throw UnknownName(receiver.Namespace!, receiver.Position);
    }

    /// <summary>"unknown name 'x'": the first part of a dotted name, unless it starts like a loaded assembly's namespace.</summary>
    public ExpressionException UnknownName(string dotted, int position)
    {
        var first = dotted.Split('.')[0];
        var namespaceLike = dotted.Contains('.') && AppDomain.CurrentDomain.GetAssemblies()
            .Any(a => a.GetName().Name is { } n && (n == first || n.StartsWith(first + ".", StringComparison.Ordinal)));
        if (namespaceLike)
        {
            return Context.Error($"unknown name '{dotted}'", position);
        }

        var names = (lambdaScope?.Names ?? []).Concat(scope.Names).Concat(options.Globals.Keys).Distinct(StringComparer.Ordinal).ToList();
        var listed = names.Count == 0 ? null : "names here: " + string.Join(", ", names.Take(MaxNamesListed)) + (names.Count > MaxNamesListed ? ", …" : "");
        var why = scope.WhyMissing(first);
        var detail = listed is null ? why : why is null ? listed : listed + "; " + why;
        return new ExpressionException($"unknown name '{first}'", position, Context.Source, detail);
    }

    /// <summary>A context name from the scope, asked once per bind.</summary>
    public Expression? ContextName(string name)
    {
        if (!contextNames.TryGetValue(name, out var value))
        {
            value = scope.Resolve(name);
            contextNames[name] = value;
        }

        return value;
    }

    public LambdaExpression BindLambda(LambdaSyntax lambda, Type delegateType)
    {
        var invoke = delegateType.GetMethod("Invoke")!;
        var (parameters, body) = BindBody(lambda, invoke.GetParameters().Select(p => p.ParameterType).ToArray());
        if (invoke.ReturnType != typeof(void))
        {
            body = Conversions.Implicit(body, invoke.ReturnType, lambda.Body.Position, Context);
        }

        return Expression.Lambda(delegateType, body, parameters);
    }

    public Type BodyType(LambdaSyntax lambda, Type[] parameterTypes) => BindBody(lambda, parameterTypes).Body.Type;

    private (ParameterExpression[] Parameters, Expression Body) BindBody(LambdaSyntax lambda, Type[] types)
    {
        var key = new LambdaKey(lambda, lambdaScope, types);
        if (lambdas.TryGetValue(key, out var bound))
        {
            return bound;
        }

        var parameters = new ParameterExpression[types.Length];
        for (var i = 0; i < types.Length; i++)
        {
            var syntax = lambda.Parameters[i];
            if (syntax.Type is { } declared && ResolveType(declared) != types[i])
            {
                throw Context.Error($"lambda parameter '{syntax.Name}' is declared '{declared}' but '{TypeNames.Display(types[i])}' is expected", syntax.Position);
            }

            parameters[i] = Expression.Parameter(types[i], syntax.Name);
        }

        var outer = lambdaScope;
        lambdaScope = new LambdaScope(parameters, outer);
        try
        {
            bound = (parameters, BindValue(lambda.Body));
        }
        finally
        {
            lambdaScope = outer;
        }

        lambdas[key] = bound;
        return bound;
    }

    private Receiver ResolveName(NameSyntax name)
    {
        if (name.TypeArguments is not null)
        {
            var arguments = ResolveTypes(name.TypeArguments)!;
            var generic = TypeResolver.FindType(name.Name, arguments.Length) ??
                throw Context.Error($"unknown type '{name.Name}<{string.Join(", ", name.TypeArguments)}>'", name.Position);
            return Receiver.OfType(Construct(generic, arguments, name), name.Position);
        }

        if (lambdaScope?.Find(name.Name) is { } parameter)
        {
            return Receiver.OfValue(parameter, name.Position);
        }

        if (ContextName(name.Name) is { } contextValue)
        {
            return Receiver.OfValue(contextValue, name.Position);
        }

        if (options.Globals.TryGetValue(name.Name, out var global))
        {
            return Receiver.OfValue(Expression.Constant(global, global?.GetType() ?? typeof(object)), name.Position);
        }

        return TypeResolver.FindType(name.Name, 0) is { } type
            ? Receiver.OfType(type, name.Position)
            : Receiver.OfNamespace(name.Name, name.Position);
    }

    private Type Construct(Type type, Type[]? arguments, Syntax at) =>
        arguments is null || !type.IsGenericTypeDefinition ? type : TypeResolver.Construct(type, arguments, at, Context);

    private Expression BindUnary(UnarySyntax unary)
    {
        if (unary.Operator is UnaryOperator.Negate && unary.Operand is LiteralSyntax { Value: var literal })
        {
            // -2147483648 and -9223372036854775808 are int and long, as in C#; other negated literals fold.
            switch (literal)
            {
                case 2147483648u: return Expression.Constant(int.MinValue);
                case 9223372036854775808ul: return Expression.Constant(long.MinValue);
                case int i: return Expression.Constant(-i);
                case long l: return Expression.Constant(-l);
                case uint u: return Expression.Constant(-(long)u);
                case float f: return Expression.Constant(-f);
                case double d: return Expression.Constant(-d);
                case decimal m: return Expression.Constant(-m);
            }
        }

        return unary.Operator is >= UnaryOperator.PreIncrement
            ? AssignmentBinder.BindIncrement(unary, this)
            : OperatorBinder.Unary(unary.Operator, BindValue(unary.Operand), unary.Position, Context);
    }

    private Expression BindBinary(BinarySyntax binary)
    {
        var left = BindValue(binary.Left);
        var right = BindValue(binary.Right);
        return binary.Operator == BinaryOperator.Coalesce
            ? Coalesce(left, right, binary.Position)
            : OperatorBinder.Binary(binary.Operator, left, right, binary.Position, Context);
    }

    public Expression Coalesce(Expression left, Expression right, int position)
    {
        if (Conversions.IsNullLiteral(left))
        {
            return right;
        }

        if (!Conversions.AcceptsNull(left.Type))
        {
            throw Context.Error($"operator '??' cannot be applied to a '{TypeNames.Display(left.Type)}', which is never null", position);
        }

        var underlying = Conversions.Unwrap(left.Type);
        if (Conversions.IsNullable(left.Type) && Conversions.HasImplicit(right, underlying))
        {
            return Expression.Coalesce(left, Conversions.Convert(right, underlying));
        }

        var type = Conversions.CommonType(left, right) ??
            throw Context.Error($"operator '??' cannot be applied to operands of type '{TypeNames.Display(left.Type)}' and '{TypeNames.Display(right.Type)}'", position);
        return Expression.Coalesce(Conversions.Convert(left, type), Conversions.Convert(right, type));
    }

    private Expression BindConditional(ConditionalSyntax conditional)
    {
        var test = Conversions.ToBoolean(BindValue(conditional.Condition), conditional.Condition.Position, Context);
        var whenTrue = BindValue(conditional.WhenTrue);
        var whenFalse = BindValue(conditional.WhenFalse);
        var type = Conversions.CommonType(whenTrue, whenFalse) ??
            throw Context.Error($"'?:' has no common type for '{TypeNames.Display(whenTrue.Type)}' and '{TypeNames.Display(whenFalse.Type)}'", conditional.Position);
        return Expression.Condition(test, Conversions.Convert(whenTrue, type), Conversions.Convert(whenFalse, type));
    }

    private Expression BindTypeTest(TypeTestSyntax test)
    {
        var operand = BindValue(test.Operand);
        if (test.Type is null)
        {
            var isNull = OperatorBinder.Binary(BinaryOperator.Equal, operand, Conversions.NullLiteral(), test.Position, Context);
            return test.Kind == TypeTestKind.IsNot ? Expression.Not(isNull) : isNull;
        }

        var type = ResolveType(test.Type);
        if (test.Kind == TypeTestKind.As)
        {
            return Conversions.AcceptsNull(type)
                ? Expression.TypeAs(operand, type)
                : throw Context.Error($"'as' needs a reference or nullable type, not '{TypeNames.Display(type)}'", test.Type.Position);
        }

        Expression result = Expression.TypeIs(operand, type);
        return test.Kind == TypeTestKind.IsNot ? Expression.Not(result) : result;
    }
}
