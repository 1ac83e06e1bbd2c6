using dnlib.DotNet;

namespace Diagnose.Cli.Discovery;

/// <summary>
/// How a method is named as a probe target, in exactly the syntax <c>probe add</c> accepts (README "Targets"):
/// <c>Ns.Outer+Inner`1.Method</c>, with the parameter list only when the name has overloads, <c>Ns.Type..ctor</c>,
/// <c>Ns.Impl.IFace.Method</c> for an explicit interface implementation.
/// </summary>
internal static class MethodTargets
{
    /// <summary>The target that names <paramref name="method"/> (and only it).</summary>
    public static string Of(MethodDef method)
    {
        var type = method.DeclaringType;
        var target = $"{TypeText(type)}.{MemberText(method)}";
        var overloads = type.Methods.Count(m => m.Name == method.Name);
        return overloads > 1 ? $"{target}({string.Join(", ", ParameterTypes(method))})" : target;
    }

    /// <summary>The type as a reflection name: <c>Ns.Outer+Inner`1</c>.</summary>
    public static string TypeText(TypeDef type) => type.ReflectionFullName;

    /// <summary>The C# spelling of each parameter's type.</summary>
    public static IEnumerable<string> ParameterTypes(MethodDef method) =>
        method.Parameters.Where(p => p.IsNormalMethodParameter).Select(p => TypeNames.Of(p.Type, method));

    /// <summary>
    /// The signature as C# shows it: <c>decimal Submit(Order order)</c> (a compiler-generated method by its short
    /// name: <c>int Square(int x)</c> for a local function, <c>int lambda(int x)</c>).
    /// </summary>
    public static string Signature(MethodDef method)
    {
        var parameters = method.Parameters.Where(p => p.IsNormalMethodParameter).Select(p => $"{TypeNames.Of(p.Type, method)} {ParameterName(p)}".TrimEnd());
        var generic = method.HasGenericParameters ? $"<{string.Join(", ", method.GenericParameters.Select(g => g.Name.String))}>" : "";
        var returns = method.IsConstructor ? "" : TypeNames.Of(method.ReturnType, method) + " ";
        return $"{returns}{ShortName(method)}{generic}({string.Join(", ", parameters)})";
    }

    /// <summary>A parameter's source name ("" when the metadata has none).</summary>
    public static string ParameterName(Parameter parameter) => parameter.Name ?? "";

    private static string MemberText(MethodDef method)
    {
        var name = method.Name.String;
        if (!method.HasOverrides || !name.Contains('.') || method.IsConstructor)
        {
            return name;
        }

        // An explicit implementation is named Ns.IFace.Method: the agent takes the interface's own name and the member.
        var dot = LastDotOutsideBrackets(name);
        var interfaceName = name[..dot];
        var start = LastDotOutsideBrackets(interfaceName) + 1;
        return name[start..];
    }

    private static string ShortName(MethodDef method)
    {
        var name = method.Name.String;
        if (method.IsConstructor)
        {
            return method.DeclaringType.Name.String.Split('`')[0];
        }

        if (name.StartsWith('<'))
        {
            var close = name.LastIndexOf('>');
            var rest = name[(close + 1)..];
            return rest.StartsWith("g__", StringComparison.Ordinal) ? rest[3..].Split('|')[0] : "lambda";
        }

        var dot = LastDotOutsideBrackets(name);
        return dot >= 0 ? name[(dot + 1)..] : name;
    }

    private static int LastDotOutsideBrackets(string name)
    {
        var depth = 0;
        for (var i = name.Length - 1; i >= 0; i--)
        {
            switch (name[i])
            {
                case '>':
                    depth++;
                    break;
                case '<':
                    depth--;
                    break;
                case '.' when depth == 0:
                    return i;
            }
        }

        return -1;
    }
}
