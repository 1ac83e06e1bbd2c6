using System.Reflection;

namespace Diagnose.Targets;

/// <summary>The methods a target names, or why it cannot be applied yet (its assembly or type is not loaded).</summary>
internal sealed class TargetResolution
{
    private TargetResolution(IReadOnlyList<MethodBase> methods, string? pendingReason)
    {
        Methods = methods;
        PendingReason = pendingReason;
    }

    public IReadOnlyList<MethodBase> Methods { get; }

    /// <summary>Non-null while the target waits for an assembly load.</summary>
    public string? PendingReason { get; }

    public bool IsPending => PendingReason is not null;

    public static TargetResolution Found(IReadOnlyList<MethodBase> methods) => new(methods, null);

    public static TargetResolution Pending(string reason) => new(Array.Empty<MethodBase>(), reason);
}
