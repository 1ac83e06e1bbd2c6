namespace Diagnose.EndToEnd.Tests.Support;

/// <summary>Which build of the Sample target runs.</summary>
public enum TargetRuntime
{
    /// <summary>Framework-dependent on the machine's .NET 10.</summary>
    Net10,

    /// <summary>Self-contained on .NET 8.</summary>
    Net8,
}

/// <summary>How Diagnose gets into the target.</summary>
public enum StartMode
{
    /// <summary><c>diagnose run --specs … -- target</c>.</summary>
    Launched,

    /// <summary>The target starts plain; then <c>diagnose attach pid --specs …</c>.</summary>
    Attached,
}
