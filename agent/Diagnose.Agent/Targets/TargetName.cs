namespace Diagnose.Targets;

/// <summary>
/// A parsed target: <c>[Assembly]Namespace.Outer+Inner`1.Member(ParamType, …)</c>. <see cref="Parameters"/> is null
/// when no parameter list was given (all overloads).
/// </summary>
internal sealed record TargetName(string Text, string? Assembly, string TypeName, string Member, IReadOnlyList<string>? Parameters)
{
    /// <exception cref="DiagnoseException">The text is not a target.</exception>
    public static TargetName Parse(string text)
    {
        var rest = (text ?? string.Empty).Trim();
        if (rest.Length == 0)
        {
            throw Invalid(text ?? string.Empty, "it is empty");
        }

        string? assembly = null;
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']');
            if (close < 2)
            {
                throw Invalid(text!, "the assembly qualifier '[Assembly]' is not closed or empty");
            }

            assembly = rest[1..close].Trim();
            rest = rest[(close + 1)..].Trim();
        }

        IReadOnlyList<string>? parameters = null;
        var open = rest.IndexOf('(');
        if (open >= 0)
        {
            if (!rest.EndsWith(')'))
            {
                throw Invalid(text!, "the parameter list is not closed with ')'");
            }

            parameters = SplitParameters(rest[(open + 1)..^1], text!);
            rest = rest[..open].Trim();
        }

        // "Ns.Type..ctor" / "Ns.Type..cctor": the member starts with the second dot.
        var split = rest.EndsWith("..ctor", StringComparison.Ordinal) || rest.EndsWith("..cctor", StringComparison.Ordinal)
            ? rest.LastIndexOf("..", StringComparison.Ordinal)
            : rest.LastIndexOf('.');
        if (split <= 0 || split == rest.Length - 1)
        {
            throw Invalid(text!, "expected Namespace.Type.Method");
        }

        var member = rest[(split + 1)..];
        var typeName = rest[..split];
        if (typeName.Contains(' ') || member.Contains(' '))
        {
            throw Invalid(text!, "names cannot contain spaces");
        }

        return new TargetName(text!.Trim(), assembly, typeName, member, parameters);
    }

    public override string ToString() => Text;

    private static List<string> SplitParameters(string list, string text)
    {
        var parameters = new List<string>();
        if (list.Trim().Length == 0)
        {
            return parameters;
        }

        var depth = 0;
        var start = 0;
        for (var i = 0; i < list.Length; i++)
        {
            switch (list[i])
            {
                case '<' or '[' or '(':
                    depth++;
                    break;
                case '>' or ']' or ')':
                    depth--;
                    break;
                case ',' when depth == 0:
                    parameters.Add(list[start..i].Trim());
                    start = i + 1;
                    break;
            }
        }

        parameters.Add(list[start..].Trim());
        if (depth != 0 || parameters.Any(p => p.Length == 0))
        {
            throw Invalid(text, "the parameter list is malformed");
        }

        return parameters;
    }

    private static DiagnoseException Invalid(string text, string why) => new($"'{text}' is not a valid target: {why}");
}
