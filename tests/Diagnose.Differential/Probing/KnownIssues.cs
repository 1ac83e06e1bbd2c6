using System.Reflection;

namespace Diagnose.Differential.Probing;

/// <summary>
/// Methods left unprobed because probing them is known to change behaviour or crash, each with the issue that says
/// why. Every exclusion is counted and listed in the report; the list should be empty.
/// </summary>
internal static class KnownIssues
{
    // Fixed: void with a required modifier (init accessors) was taken for a value (TypeBlob.IsVoid ignores modifiers now).
    private static readonly (Func<MethodBase, bool> Matches, string Issue)[] s_issues = [];

    /// <summary>The known issue that excludes <paramref name="method"/>, or null.</summary>
    public static string? Of(MethodBase method)
    {
        foreach (var (matches, issue) in s_issues)
        {
            if (matches(method))
            {
                return $"known issue: {issue}";
            }
        }

        return null;
    }
}
