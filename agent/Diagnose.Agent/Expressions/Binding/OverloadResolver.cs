using System.Linq.Expressions;
using System.Reflection;

namespace Diagnose.Expressions;

/// <summary>
/// Picks the overload C# would: applicable candidates (arity with optional parameters and params arrays, generic
/// arguments inferred, every argument convertible, lambdas binding against the delegate's parameter types), then
/// the better one by its argument conversions, preferring non-generic, unexpanded, fewer defaults, more derived.
/// By-ref, pointer and span parameters are never candidates: an expression cannot pass them.
/// </summary>
internal static class OverloadResolver
{
    /// <summary>The best applicable overload, or null. With <c>lifting</c>, T? arguments also fit T parameters (user-defined operators lift).</summary>
    public static Resolution? Resolve(
        IEnumerable<MethodBase> candidates, IReadOnlyList<Argument> arguments, ILambdaBinder? lambdas, bool lifting = false) =>
        Resolve(candidates, arguments, lambdas, out _, lifting);

    /// <summary>As above; <c>lambdaError</c> is the first error of a lambda body met while trying candidates, to report when none applies.</summary>
    public static Resolution? Resolve(
        IEnumerable<MethodBase> candidates, IReadOnlyList<Argument> arguments, ILambdaBinder? lambdas,
        out ExpressionException? lambdaError, bool lifting = false)
    {
        lambdaError = null;
        Candidate? best = null;
        foreach (var method in candidates)
        {
            var candidate = Applicable(method, arguments, lambdas, lifting, expanded: false, ref lambdaError) ??
                Applicable(method, arguments, lambdas, lifting, expanded: true, ref lambdaError);
            if (candidate is not null && (best is null || Compare(candidate, best, arguments) > 0))
            {
                best = candidate;
            }
        }

        return best is null ? null : new Resolution(best.Method, FinalArguments(best, arguments, lambdas!));
    }

    private sealed record Candidate(
        MethodBase Method, ParameterInfo[] Parameters, Type[] Formals, bool Expanded, bool Generic, Type?[] LambdaBodies)
    {
        public int DefaultsUsed(int argumentCount) => Math.Max(0, Parameters.Length - argumentCount - (Expanded ? 1 : 0));
    }

    private static Candidate? Applicable(
        MethodBase method, IReadOnlyList<Argument> arguments, ILambdaBinder? lambdas, bool lifting, bool expanded,
        ref ExpressionException? lambdaError)
    {
        var parameters = method.GetParameters();
        if (!Usable(method, parameters) || Formals(parameters, arguments.Count, expanded) is not { } formals)
        {
            return null;
        }

        var generic = method.IsGenericMethodDefinition;
        if (generic)
        {
            var definition = (MethodInfo)method;
            var inferred = TypeInference.Infer(definition.GetGenericArguments(), formals, arguments, lambdas, ref lambdaError);
            if (inferred is null || Construct(definition, inferred) is not { } constructed)
            {
                return null;
            }

            method = constructed;
            parameters = method.GetParameters();
            formals = Formals(parameters, arguments.Count, expanded)!;
        }

        var bodies = new Type?[arguments.Count];
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            if (argument.Value is { } value)
            {
                var converts = Conversions.HasImplicit(value, formals[i]) ||
                    (lifting && Conversions.IsNullable(value.Type) && Conversions.HasImplicit(Conversions.Unwrap(value.Type), formals[i]));
                if (!converts)
                {
                    return null;
                }
            }
            else if (LambdaBody(argument.Lambda!, formals[i], lambdas, ref lambdaError) is { } body)
            {
                bodies[i] = body;
            }
            else
            {
                return null;
            }
        }

        return new Candidate(method, parameters, formals, expanded, generic, bodies);
    }

    private static bool Usable(MethodBase method, ParameterInfo[] parameters)
    {
        if (method is MethodInfo { ReturnType: var returns } && (returns.IsByRef || returns.IsByRefLike || returns.IsPointer))
        {
            return false;
        }

        return parameters.All(p => !p.ParameterType.IsByRef && !p.ParameterType.IsByRefLike && !p.ParameterType.IsPointer);
    }

    /// <summary>The parameter type each argument goes to, or null when the count does not fit this form.</summary>
    private static Type[]? Formals(ParameterInfo[] parameters, int count, bool expanded)
    {
        var last = parameters.Length - 1;
        if (expanded)
        {
            if (last < 0 || !parameters[last].ParameterType.IsArray || !parameters[last].IsDefined(typeof(ParamArrayAttribute)) || count < last)
            {
                return null;
            }

            var element = parameters[last].ParameterType.GetElementType()!;
            return Enumerable.Range(0, count).Select(i => i < last ? parameters[i].ParameterType : element).ToArray();
        }

        if (count > parameters.Length || parameters.Skip(count).Any(p => !p.IsOptional))
        {
            return null;
        }

        return parameters.Take(count).Select(p => p.ParameterType).ToArray();
    }

    private static MethodInfo? Construct(MethodInfo definition, Type[] arguments)
    {
        try
        {
            return definition.MakeGenericMethod(arguments);
        }
        catch (ArgumentException)
        {
            return null; // a constraint is not met
        }
    }

    private static Type? LambdaBody(LambdaSyntax lambda, Type formal, ILambdaBinder? lambdas, ref ExpressionException? lambdaError)
    {
        var invoke = formal.BaseType == typeof(MulticastDelegate) ? formal.GetMethod("Invoke") : null;
        if (invoke is null || lambdas is null || invoke.GetParameters().Length != lambda.Parameters.Count)
        {
            return null;
        }

        try
        {
            var body = lambdas.BodyType(lambda, invoke.GetParameters().Select(p => p.ParameterType).ToArray());
            return invoke.ReturnType == typeof(void) || Conversions.HasImplicit(body, invoke.ReturnType) ? body : null;
        }
        catch (ExpressionException e)
        {
            lambdaError ??= e;
            return null;
        }
    }

    /// <summary>&gt; 0 when <paramref name="a"/> is the better function member (ECMA-334 §12.6.4.3).</summary>
    private static int Compare(Candidate a, Candidate b, IReadOnlyList<Argument> arguments)
    {
        bool aBetter = false, bBetter = false;
        for (var i = 0; i < arguments.Count; i++)
        {
            var better = arguments[i].Value is { } value
                ? Conversions.Better(Conversions.IsNullLiteral(value) ? null : value.Type, a.Formals[i], b.Formals[i])
                : Conversions.Better(a.LambdaBodies[i], ReturnType(a.Formals[i]), ReturnType(b.Formals[i]));
            aBetter |= better > 0;
            bBetter |= better < 0;
        }

        if (aBetter != bBetter)
        {
            return aBetter ? 1 : -1;
        }

        return TieBreak(!a.Generic, !b.Generic)
            ?? TieBreak(!a.Expanded, !b.Expanded)
            ?? TieBreak(a.DefaultsUsed(arguments.Count) < b.DefaultsUsed(arguments.Count), b.DefaultsUsed(arguments.Count) < a.DefaultsUsed(arguments.Count))
            ?? TieBreak(GenericArity(a) < GenericArity(b), GenericArity(b) < GenericArity(a))
            ?? TieBreak(a.Method.DeclaringType!.IsSubclassOf(b.Method.DeclaringType!), b.Method.DeclaringType!.IsSubclassOf(a.Method.DeclaringType!))
            ?? 0;
    }

    private static int? TieBreak(bool a, bool b) => a == b ? null : a ? 1 : -1;

    private static int GenericArity(Candidate c) => c.Method.IsGenericMethod ? c.Method.GetGenericArguments().Length : 0;

    private static Type ReturnType(Type delegateType) => delegateType.GetMethod("Invoke")!.ReturnType;

    private static List<Expression> FinalArguments(Candidate chosen, IReadOnlyList<Argument> arguments, ILambdaBinder lambdas)
    {
        var result = new List<Expression>();
        var parameters = chosen.Parameters;
        var fixedCount = chosen.Expanded ? parameters.Length - 1 : Math.Min(arguments.Count, parameters.Length);
        for (var i = 0; i < fixedCount && i < arguments.Count; i++)
        {
            result.Add(Final(arguments[i], chosen.Formals[i], lambdas));
        }

        if (chosen.Expanded)
        {
            var element = parameters[^1].ParameterType.GetElementType()!;
            var rest = arguments.Skip(fixedCount).Select((a, j) => Final(a, chosen.Formals[fixedCount + j], lambdas));
            result.Add(Expression.NewArrayInit(element, rest));
            return result;
        }

        for (var i = arguments.Count; i < parameters.Length; i++)
        {
            result.Add(DefaultValue(parameters[i]));
        }

        return result;
    }

    private static Expression Final(Argument argument, Type formal, ILambdaBinder lambdas) =>
        argument.Value is { } value ? Conversions.Convert(value, formal) : lambdas.BindLambda(argument.Lambda!, formal);

    /// <summary>An omitted optional parameter's default, typed as the parameter.</summary>
    public static Expression DefaultValue(ParameterInfo parameter)
    {
        var type = parameter.ParameterType;
        var value = parameter.HasDefaultValue ? parameter.DefaultValue : null;
        if (value is null)
        {
            return type.IsValueType ? Expression.Default(type) : Expression.Constant(null, type);
        }

        var underlying = Conversions.Unwrap(type);
        if (underlying.IsEnum)
        {
            return Expression.Constant(Enum.ToObject(underlying, value), type);
        }

        return Expression.Constant(underlying.IsInstanceOfType(value) ? value : Convert.ChangeType(value, underlying, System.Globalization.CultureInfo.InvariantCulture), type);
    }
}
