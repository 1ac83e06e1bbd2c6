using System.Text.RegularExpressions;
using dnlib.DotNet;

namespace Diagnose.Cli.Discovery;

/// <summary>
/// What a compiler-generated method is in the source: <c>&lt;Submit&gt;b__0_0</c> is a lambda in Submit,
/// <c>&lt;Submit&gt;g__Total|0_1</c> the local function Total, <c>&lt;GetAsync&gt;d__3.MoveNext</c> the body of the async
/// method GetAsync; lambdas of top-level statements (minimal-API handlers among them) belong to
/// <c>&lt;Main&gt;$</c>. Null for a method the user wrote.
/// </summary>
internal static partial class SourceForms
{

    /// <summary>The source form, e.g. "lambda in Shop.Orders.Submit", or null.</summary>
    public static SourceForm? Of(MethodDef method)
    {
        var name = method.Name.String;
        var type = method.DeclaringType;
        if (Generated().Match(name) is { Success: true } match)
        {
            var outer = Owner(type, match.Groups["outer"].Value);
            var text = match.Groups["kind"].Value switch
            {
                "b" => $"lambda in {outer}",
                "g" => $"local function {LocalName(match.Groups["rest"].Value)} in {outer}",
                _ => $"compiler-generated code of {outer}",
            };
            return new SourceForm(text, outer);
        }

        if (StateMachine(type) is { } machine)
        {
            var body = name == "MoveNext" ? "body" : "part";
            return new SourceForm($"{body} of the {machine.Kind} {machine.Owner}", machine.Owner);
        }

        if (name == "<Main>$")
        {
            return new SourceForm("top-level statements", null);
        }

        return name.StartsWith('<') || IsGeneratedType(type) ? new SourceForm("compiler-generated", null) : null;
    }

    /// <summary>True for a name the compiler made up (<c>&lt;…&gt;</c>): lambdas, closures, state machines.</summary>
    public static bool IsGeneratedType(TypeDef? type)
    {
        for (var t = type; t is not null; t = t.DeclaringType)
        {
            if (t.Name.String.StartsWith('<'))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An async method's, iterator's or async iterator's state machine: its kind and the method the user wrote.</summary>
    private static (string Kind, string Owner)? StateMachine(TypeDef type)
    {
        if (!type.IsNested || StateMachineName().Match(type.Name.String) is not { Success: true } match)
        {
            return null;
        }

        var interfaces = type.Interfaces.Select(i => i.Interface?.FullName ?? "").ToList();
        var kind = interfaces.Any(i => i.StartsWith("System.Collections.Generic.IAsyncEnumerator", StringComparison.Ordinal)) ? "async iterator"
            : interfaces.Contains("System.Runtime.CompilerServices.IAsyncStateMachine") ? "async method"
            : interfaces.Contains("System.Collections.IEnumerator") ? "iterator"
            : "state machine";
        return (kind, Owner(type.DeclaringType, match.Groups["outer"].Value));
    }

    /// <summary><c>Ns.Type.Outer</c> for generated code inside Outer, skipping the closure classes it lives in.</summary>
    private static string Owner(TypeDef type, string outer)
    {
        var user = type;
        while (user.DeclaringType is not null && user.Name.String.StartsWith('<'))
        {
            user = user.DeclaringType;
        }

        var owner = $"{MethodTargets.TypeText(user).Replace('+', '.')}.{outer}";
        return outer == "<Main>$" ? owner + " (top-level statements)" : owner;
    }

    private static string LocalName(string rest)
    {
        var bar = rest.IndexOf('|');
        return bar >= 0 ? rest[..bar] : rest;
    }

    /// <summary><c>&lt;Outer&gt;b__0_0</c>, <c>&lt;Outer&gt;g__Local|0_1</c>: the outer method, a kind letter, the rest.</summary>
    [GeneratedRegex(@"^<(?<outer>[^>]*(>\$)?)>(?<kind>[a-z])__(?<rest>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Generated();

    /// <summary><c>&lt;GetAsync&gt;d__3</c>: a state machine class.</summary>
    [GeneratedRegex(@"^<(?<outer>[^>]+)>d__\d+(`\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex StateMachineName();
}
