using dnlib.DotNet;

namespace Diagnose.Cli.Discovery;

/// <summary>
/// Why the agent would refuse to probe a method, in the agent's own words (agent/Diagnose.Agent/Targets/
/// TargetResolver.Refusal), read from metadata on disk. Dynamic and collectible assemblies are never files.
/// </summary>
internal static class Refusals
{
    /// <summary>The reason, or null when the method can be probed.</summary>
    public static string? Of(MethodDef method, AssemblyKind kind)
    {
        if (method.IsAbstract)
        {
            return "it is abstract (it has no body; probe an implementation)";
        }

        if (method.IsPinvokeImpl)
        {
            return "it is extern (P/Invoke)";
        }

        if (method.IsInternalCall || method.IsRuntime)
        {
            return "it is implemented by the runtime (no IL)";
        }

        if (method.MethodSig is { } signature && (signature.CallingConvention & CallingConvention.Mask) == CallingConvention.VarArg)
        {
            return "it takes variable arguments (__arglist)";
        }

        if (kind == AssemblyKind.Diagnose)
        {
            return "it belongs to Diagnose itself";
        }

        return method.HasBody ? null : "it has no IL body";
    }
}
