namespace Diagnose.Cli.Discovery;

/// <summary>
/// A spec's target split as the agent reads it (README "Targets"): <c>[Assembly]Ns.Outer+Inner`1.Member(Type, …)</c>;
/// <see cref="Parameters"/> is null without a parameter list (all overloads).
/// </summary>
internal sealed record TargetText(string Text, string? Assembly, string TypeName, string Member, IReadOnlyList<string>? Parameters)
{
    /// <summary>The parts, or null with <paramref name="problem"/> in the agent's words ("'x' is not a valid target: …").</summary>
    public static TargetText? Parse(string text, out string? problem)
    {
        problem = null;
        var rest = text.Trim();
        string? assembly = null;
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']');
            if (close < 2)
            {
                return Invalid(text, "the assembly qualifier '[Assembly]' is not closed or empty", out problem);
            }

            (assembly, rest) = (rest[1..close].Trim(), rest[(close + 1)..].Trim());
        }

        List<string>? parameters = null;
        if (rest.IndexOf('(') is var open and >= 0)
        {
            if (!rest.EndsWith(')'))
            {
                return Invalid(text, "the parameter list is not closed with ')'", out problem);
            }

            parameters = TopLevelItems(rest[(open + 1)..^1]);
            if (parameters is null)
            {
                return Invalid(text, "the parameter list is malformed", out problem);
            }

            rest = rest[..open].Trim();
        }

        var constructor = rest.EndsWith("..ctor", StringComparison.Ordinal) || rest.EndsWith("..cctor", StringComparison.Ordinal);
        var split = constructor ? rest.LastIndexOf("..", StringComparison.Ordinal) : rest.LastIndexOf('.');
        if (split <= 0 || split == rest.Length - 1)
        {
            return Invalid(text, "expected Namespace.Type.Method", out problem);
        }

        return new TargetText(text.Trim(), assembly, rest[..split], rest[(split + 1)..], parameters);
    }

    /// <summary>The comma-separated items outside brackets, or null when one is empty or the brackets do not pair.</summary>
    private static List<string>? TopLevelItems(string list)
    {
        if (list.Trim().Length == 0)
        {
            return [];
        }

        var items = new List<string>();
        var (depth, start) = (0, 0);
        for (var i = 0; i <= list.Length; i++)
        {
            var c = i < list.Length ? list[i] : ',';
            depth += c is '<' or '[' or '(' ? 1 : c is '>' or ']' or ')' ? -1 : 0;
            if (c == ',' && depth == 0)
            {
                items.Add(list[start..i].Trim());
                start = i + 1;
            }
        }

        return depth != 0 || items.Any(p => p.Length == 0) ? null : items;
    }

    private static TargetText? Invalid(string text, string why, out string problem)
    {
        problem = $"'{text}' is not a valid target: {why}";
        return null;
    }
}
