using System.Linq.Expressions;
using System.Reflection;
using Diagnose.Expressions;
using Diagnose.Sites;

namespace Diagnose.Redaction;

/// <summary>
/// The compile-time half of redaction: an instrument's value or tags expression that reads a sensitive name (a
/// parameter, local, field, property, method, anonymous member, a string key in <c>x["key"]</c> or
/// <c>x.Get…("key")</c>, <c>result</c> of a method whose name is sensitive, <c>args</c> of a method with a
/// sensitive parameter) is replaced by the text <c>[redacted]</c> before it is bound, so the value is never read.
/// Where the output is built of parts, only the parts that read one are: each member of <c>new { … }</c> and each
/// hole of <c>$"…"</c>. A condition is evaluated as written (its true/false never leaves the process), but an
/// exception it throws is reported without its message.
/// </summary>
internal static class ExpressionRedaction
{
    private static readonly MethodInfo s_redactedError = typeof(ExpressionRedaction).GetMethod(nameof(RedactedError), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>The value expression as it may leave the process.</summary>
    public static ParsedExpression Value(ParsedExpression parsed, MethodBase? method, Redactor redactor)
    {
        var root = Redact(parsed.Root, new Reader(redactor, method));
        return ReferenceEquals(root, parsed.Root) ? parsed : new ParsedExpression(parsed.Source, root);
    }

    /// <summary>The tags expression as it may leave the process: one that is redacted as a whole gives the tag <c>[redacted]</c>.</summary>
    public static ParsedExpression? Tags(ParsedExpression? parsed, MethodBase? method, Redactor redactor)
    {
        if (parsed is null)
        {
            return null;
        }

        var root = Redact(parsed.Root, new Reader(redactor, method));
        if (ReferenceEquals(root, parsed.Root))
        {
            return parsed;
        }

        return new ParsedExpression(parsed.Source, root is LiteralSyntax ? new ArrayCreationSyntax(null, null, [root], root.Position) : root);
    }

    /// <summary>The condition, with its error messages hidden when it reads a sensitive name.</summary>
    public static ParsedExpression? Condition(ParsedExpression? parsed, MethodBase? method, Redactor redactor) =>
        parsed is not null && new Reader(redactor, method).FirstSensitive(parsed.Root) is { } name
            ? new ParsedExpression(parsed.Source, parsed.Root) { ErrorsRedactedFor = name }
            : parsed;

    /// <summary>The first sensitive name <paramref name="parsed"/> reads, or null.</summary>
    public static string? SensitiveName(ParsedExpression parsed, MethodBase? method, Redactor redactor) =>
        new Reader(redactor, method).FirstSensitive(parsed.Root);

    /// <summary><paramref name="tree"/>, rethrowing what it throws as an error that names the exception's type only.</summary>
    public static Expression WithoutErrorMessages(Expression tree, string name)
    {
        var error = Expression.Parameter(typeof(Exception), "error");
        return Expression.TryCatch(
            tree,
            Expression.Catch(error, Expression.Throw(Expression.Call(s_redactedError, error, Expression.Constant(name)), tree.Type)));
    }

    private static Exception RedactedError(Exception error, string name)
    {
        var thrown = error is TargetInvocationException { InnerException: { } inner } ? inner : error;
        return new InstrumentException($"{thrown.GetType().Name} (its message is not shown: the expression reads '{name}', which is redacted)");
    }

    private static Syntax Redact(Syntax node, Reader reader)
    {
        if (reader.FirstSensitive(node) is null)
        {
            return node;
        }

        return node switch
        {
            AnonymousObjectSyntax anonymous => anonymous with
            {
                Members = anonymous.Members
                    .Select(m => reader.Redactor.IsSensitive(m.Name) ? m with { Value = Redacted(m.Value) } : m with { Value = Redact(m.Value, reader) })
                    .ToList(),
            },
            InterpolatedStringSyntax interpolated => interpolated with
            {
                Parts = interpolated.Parts.Select(p => p.Expression is null ? p : p with { Expression = Redact(p.Expression, reader) }).ToList(),
            },
            _ => Redacted(node),
        };
    }

    private static LiteralSyntax Redacted(Syntax node) => new(Redactor.Text, node.Position);

    /// <summary>Finds the names an expression reads, in the context of the probed method.</summary>
    private sealed class Reader(Redactor redactor, MethodBase? method)
    {
        public Redactor Redactor => redactor;

        public string? FirstSensitive(Syntax? node)
        {
            switch (node)
            {
                case null or TypeSyntax or TypeOperatorSyntax or ConditionalReceiverSyntax:
                    return null;
                case LiteralSyntax:
                    return null;
                case NameSyntax name:
                    return OfContextName(name.Name);
                case LambdaSyntax lambda:
                    return FirstSensitive(lambda.Body);
                case MemberAccessSyntax member when redactor.IsSensitive(member.Name):
                    return member.Name;
                case IndexSyntax index when SensitiveKey(index.Arguments) is { } key:
                    return key;
                case CallSyntax { Target: MemberAccessSyntax getter } call when IsGetter(getter.Name) && SensitiveKey(call.Arguments) is { } key:
                    return key;
                case AnonymousObjectSyntax anonymous when anonymous.Members.FirstOrDefault(m => redactor.IsSensitive(m.Name)) is { } member:
                    return member.Name;
                case ObjectCreationSyntax creation when creation.Initializers?.FirstOrDefault(i => i.Member is not null && redactor.IsSensitive(i.Member)) is { } initializer:
                    return initializer.Member;
            }

            foreach (var child in FreeNames.Children(node))
            {
                if (FirstSensitive(child) is { } name)
                {
                    return name;
                }
            }

            return null;
        }

        private string? OfContextName(string name)
        {
            if (redactor.IsSensitive(name))
            {
                return name;
            }

            if (method is null || method.GetParameters().Any(p => p.Name == name))
            {
                return null;
            }

            return name switch
            {
                "result" when redactor.IsSensitive(method.Name) => $"result (of {method.Name})",
                "args" => method.GetParameters().FirstOrDefault(p => p.Name is { } n && redactor.IsSensitive(n))?.Name,
                _ => null,
            };
        }

        private string? SensitiveKey(IReadOnlyList<Syntax> arguments) =>
            arguments.OfType<LiteralSyntax>().Select(l => l.Value as string).FirstOrDefault(s => s is not null && redactor.IsSensitive(s));

        private static bool IsGetter(string name) => name.StartsWith("Get", StringComparison.Ordinal) || name.StartsWith("TryGet", StringComparison.Ordinal);
    }
}
