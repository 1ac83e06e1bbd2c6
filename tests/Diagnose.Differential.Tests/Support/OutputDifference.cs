using System.Text;

namespace Diagnose.Differential.Tests.Support;

/// <summary>Where two canonical outputs differ, by case (each line starts with its case id).</summary>
internal static class OutputDifference
{
    private const int Listed = 20;

    /// <returns>Null when both are the same, byte for byte; else the differing cases with both lines.</returns>
    public static string? Describe(string plain, string probed)
    {
        if (plain == probed)
        {
            return null;
        }

        var before = plain.Split('\n');
        var after = probed.Split('\n');
        var text = new StringBuilder($"{before.Length} lines plain, {after.Length} probed; differing cases:\n");
        var differing = 0;
        for (var i = 0; i < Math.Max(before.Length, after.Length); i++)
        {
            var a = i < before.Length ? before[i] : "(none)";
            var b = i < after.Length ? after[i] : "(none)";
            if (a != b && ++differing <= Listed)
            {
                text.Append("- plain:  ").Append(a).Append("\n  probed: ").Append(b).Append('\n');
            }
        }

        return text.Append(differing).Append(" differing lines").ToString();
    }
}
