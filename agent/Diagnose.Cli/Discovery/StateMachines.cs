using dnlib.DotNet;

namespace Diagnose.Cli.Discovery;

/// <summary>The state machine the compiler made of an async method or iterator, found through its attribute.</summary>
internal static class StateMachines
{
    private static readonly string[] s_attributes =
    [
        "System.Runtime.CompilerServices.AsyncStateMachineAttribute",
        "System.Runtime.CompilerServices.IteratorStateMachineAttribute",
        "System.Runtime.CompilerServices.AsyncIteratorStateMachineAttribute",
    ];

    /// <summary>The state machine's MoveNext for a kick-off method, else null.</summary>
    public static MethodDef? MoveNext(MethodDef method) =>
        Type(method)?.Methods.FirstOrDefault(m => m.Name == "MoveNext" || m.Name.EndsWith(".MoveNext", StringComparison.Ordinal));

    /// <summary>True when <paramref name="method"/> is an async method (its return event waits for the task).</summary>
    public static bool IsAsync(MethodDef method) =>
        method.CustomAttributes.Any(a => a.TypeFullName == s_attributes[0]);

    private static TypeDef? Type(MethodDef method)
    {
        var attribute = method.CustomAttributes.FirstOrDefault(a => s_attributes.Contains(a.TypeFullName, StringComparer.Ordinal));
        if (attribute is not { ConstructorArguments.Count: > 0 } || attribute.ConstructorArguments[0].Value is not TypeSig type)
        {
            return null;
        }

        return type.ToTypeDefOrRef()?.ResolveTypeDef();
    }
}
