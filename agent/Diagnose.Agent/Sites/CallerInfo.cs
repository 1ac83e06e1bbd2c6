using System.Diagnostics;
using System.Reflection;

namespace Diagnose.Sites;

/// <summary>The names <c>caller</c> and <c>stack</c>: walked only when an expression uses them.</summary>
internal static class CallerInfo
{
    /// <summary>"Ns.Type.Method" of the frame that called <paramref name="probed"/>, or null.</summary>
    public static string? Caller(MethodBase probed)
    {
        var frames = new StackTrace(1, false).GetFrames();
        var index = IndexOf(frames, probed);
        return index >= 0 && index + 1 < frames.Length && frames[index + 1].GetMethod() is { } caller ? Describe(caller) : null;
    }

    /// <summary>The stack from the probed method outwards.</summary>
    public static StackTrace Stack(MethodBase probed)
    {
        var frames = new StackTrace(1, false).GetFrames();
        var index = IndexOf(frames, probed);
        return new StackTrace(1 + Math.Max(0, index), true);
    }

    public static string Describe(MethodBase method)
    {
        var type = method.DeclaringType;
        return type is null ? method.Name : $"{(type.FullName ?? type.Name).Replace('+', '.')}.{method.Name}";
    }

    private static int IndexOf(StackFrame[] frames, MethodBase probed)
    {
        for (var i = 0; i < frames.Length; i++)
        {
            // Module first: frames of dynamic methods (compiled handlers) throw for MetadataToken.
            if (frames[i].GetMethod() is { } method && method is not System.Reflection.Emit.DynamicMethod
                && method.Module == probed.Module && method.MetadataToken == probed.MetadataToken)
            {
                return i;
            }
        }

        return -1;
    }
}
