using System.Reflection;

namespace Diagnose.Differential.Probing;

/// <summary>
/// Methods left unprobed because probing them is known to change behaviour or crash, each with the issue that says
/// why. Every exclusion is counted and listed in the report; the list should be empty.
/// </summary>
internal static class KnownIssues
{
    private static readonly (Func<MethodBase, bool> Matches, string Issue)[] s_issues =
    [
        (IsVoidWithRequiredModifier,
            "a void return with a required modifier (init accessors: void modreq(IsExternalInit)) is taken for a value; "
            + "with a return or end instrument the rewritten body stores a result that does not exist: InvalidProgramException"),
    ];

    private static bool IsVoidWithRequiredModifier(MethodBase method) =>
        method is MethodInfo info && info.ReturnType == typeof(void) && info.ReturnParameter.GetRequiredCustomModifiers().Length > 0;

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
