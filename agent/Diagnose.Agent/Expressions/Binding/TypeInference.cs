namespace Diagnose.Expressions;

/// <summary>
/// Infers a generic method's type arguments from its arguments, as C# does for LINQ: first from the argument
/// types (an argument's <c>IEnumerable&lt;T&gt;</c> among its interfaces gives T), then from lambda bodies, each
/// bound once the types of its parameters are known (<c>Select(x =&gt; x.Id)</c> gives TResult).
/// </summary>
internal static class TypeInference
{
    /// <summary>
    /// The type arguments, or null when some cannot be inferred. <c>formals</c> holds the definition's parameter
    /// type for each argument; <c>lambdaError</c> receives the first error of a lambda body.
    /// </summary>
    public static Type[]? Infer(
        Type[] typeParameters, Type[] formals, IReadOnlyList<Argument> arguments, ILambdaBinder? lambdas,
        ref ExpressionException? lambdaError)
    {
        var bounds = typeParameters.ToDictionary(p => p, _ => new List<Type>());
        for (var i = 0; i < arguments.Count; i++)
        {
            if (arguments[i].Value is { } value && !Conversions.IsNullLiteral(value))
            {
                Collect(value.Type, formals[i], bounds);
            }
        }

        var pending = Enumerable.Range(0, arguments.Count).Where(i => arguments[i].Lambda is not null).ToList();
        while (true)
        {
            var fixedTypes = Fix(bounds);
            var progress = false;
            foreach (var i in pending.ToList())
            {
                var invoke = formals[i].BaseType == typeof(MulticastDelegate) ? formals[i].GetMethod("Invoke") : null;
                if (invoke is null || lambdas is null)
                {
                    pending.Remove(i);
                    continue;
                }

                var inputs = invoke.GetParameters().Select(p => Substitute(p.ParameterType, fixedTypes)).ToArray();
                if (inputs.Any(t => t.ContainsGenericParameters))
                {
                    continue;
                }

                pending.Remove(i);
                progress = true;
                if (inputs.Length != arguments[i].Lambda!.Parameters.Count)
                {
                    return null;
                }

                try
                {
                    Collect(lambdas.BodyType(arguments[i].Lambda!, inputs), invoke.ReturnType, bounds);
                }
                catch (ExpressionException e)
                {
                    lambdaError ??= e;
                    return null;
                }
            }

            if (!progress)
            {
                var result = typeParameters.Select(p => fixedTypes.GetValueOrDefault(p)).ToArray();
                return result.All(t => t is not null) ? result.Select(t => t!).ToArray() : null;
            }
        }
    }

    /// <summary>Replaces the type parameters that are known.</summary>
    public static Type Substitute(Type type, IReadOnlyDictionary<Type, Type> known)
    {
        if (type.IsGenericParameter)
        {
            return known.GetValueOrDefault(type) ?? type;
        }

        if (!type.ContainsGenericParameters)
        {
            return type;
        }

        if (type.IsArray)
        {
            var element = Substitute(type.GetElementType()!, known);
            return type.IsSZArray ? element.MakeArrayType() : element.MakeArrayType(type.GetArrayRank());
        }

        if (type.IsGenericType)
        {
            var arguments = type.GetGenericArguments().Select(a => Substitute(a, known)).ToArray();
            return arguments.Any(a => a.ContainsGenericParameters)
                ? type
                : type.GetGenericTypeDefinition().MakeGenericType(arguments);
        }

        return type;
    }

    private static void Collect(Type actual, Type formal, Dictionary<Type, List<Type>> bounds)
    {
        if (formal.IsGenericParameter)
        {
            if (bounds.TryGetValue(formal, out var list) && !list.Contains(actual) && actual != typeof(void))
            {
                list.Add(actual);
            }

            return;
        }

        if (!formal.ContainsGenericParameters)
        {
            return;
        }

        if (formal.IsArray)
        {
            if (actual.IsArray && actual.GetArrayRank() == formal.GetArrayRank())
            {
                Collect(actual.GetElementType()!, formal.GetElementType()!, bounds);
            }

            return;
        }

        if (formal.IsGenericType && FindConstructed(actual, formal.GetGenericTypeDefinition()) is { } match)
        {
            var actualArguments = match.GetGenericArguments();
            var formalArguments = formal.GetGenericArguments();
            for (var i = 0; i < formalArguments.Length; i++)
            {
                Collect(actualArguments[i], formalArguments[i], bounds);
            }
        }
    }

    /// <summary>The type, base type or interface of <paramref name="actual"/> constructed from <paramref name="definition"/>.</summary>
    public static Type? FindConstructed(Type actual, Type definition)
    {
        for (var type = actual; type is not null; type = type.BaseType)
        {
            if (type.IsGenericType && type.GetGenericTypeDefinition() == definition)
            {
                return type;
            }
        }

        if (actual.IsGenericType && actual.GetGenericTypeDefinition() == definition)
        {
            return actual;
        }

        return definition.IsInterface
            ? actual.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == definition)
            : null;
    }

    /// <summary>For each type parameter with candidates, the candidate all the others convert to.</summary>
    private static Dictionary<Type, Type> Fix(Dictionary<Type, List<Type>> bounds)
    {
        var result = new Dictionary<Type, Type>();
        foreach (var (parameter, candidates) in bounds)
        {
            var best = candidates.FirstOrDefault(c => candidates.All(other => Conversions.HasImplicit(other, c)));
            if (best is not null)
            {
                result[parameter] = best;
            }
        }

        return result;
    }
}
