namespace Diagnose.Targets;

/// <summary>
/// A parsed target: <c>[Assembly]Namespace.Outer+Inner`1.Member(ParamType, …)</c>. <see cref="Parameters"/> is null
/// when no parameter list was given (all overloads). A line probe's target ends in <c>:LINE</c>: a method's
/// (<c>Ns.Type.Method:44</c>, <see cref="Line"/> set) or a source file's (<c>Program.cs:44</c>, <c>Shop/Program.cs:44</c>:
/// <see cref="File"/> set, a path suffix matched against the PDBs' documents; type and member are empty).
/// </summary>
internal sealed record TargetName(string Text, string? Assembly, string TypeName, string Member, IReadOnlyList<string>? Parameters)
{
    /// <summary>The source line of a line probe, or null.</summary>
    public int? Line { get; init; }

    /// <summary>The source file (path suffix) of a file line probe, or null.</summary>
    public string? File { get; init; }

    /// <summary>
    /// An exceptions probe's type pattern (<c>exceptions:PATTERN</c>, <c>*</c> and <c>?</c> as wildcards; <c>exceptions</c>
    /// alone is <c>*</c>), or null.
    /// </summary>
    public string? Exceptions { get; init; }


    /// <exception cref="DiagnoseException">The text is not a target.</exception>
    public static TargetName Parse(string text) => Parse(text, text);

    /// <param name="text">What to parse.</param>
    /// <param name="written">The whole target as written, for error messages (a line target parses its method part).</param>
    private static TargetName Parse(string text, string written)
    {
        var rest = (text ?? string.Empty).Trim();
        if (rest.Length == 0)
        {
            throw Invalid(written ?? string.Empty, "it is empty");
        }

        if (Protocol.Naming.LineTargetText.IsExceptions(rest))
        {
            var prefix = Protocol.Naming.LineTargetText.ExceptionsPrefix;
            var pattern = rest.Length > prefix.Length ? rest[(prefix.Length + 1)..].Trim() : "*";
            if (pattern.Length == 0 || pattern.Any(c => char.IsWhiteSpace(c) || c is ':' or '(' or ')'))
            {
                throw Invalid(written, $"after 'exceptions:' comes an exception type or a pattern (System.InvalidOperationException, Shop.*, *), not '{pattern}'");
            }

            return new TargetName(rest, null, string.Empty, string.Empty, null) { Exceptions = pattern };
        }

        if (rest.Contains(':'))
        {
            var (before, parsed) = Protocol.Naming.LineTargetText.Split(rest);
            if (parsed is not { } line)
            {
                throw Invalid(written, $"after ':' comes a line number (File.cs:44 or Ns.Type.Method:44), not '{rest[(rest.LastIndexOf(':') + 1)..].Trim()}'");
            }

            if (Protocol.Naming.LineTargetText.IsFile(before))
            {
                return new TargetName(text!.Trim(), null, string.Empty, string.Empty, null) { Line = line, File = before.Replace('\\', '/') };
            }

            return Parse(before, written) with { Text = text!.Trim(), Line = line };
        }

        string? assembly = null;
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']');
            if (close < 2)
            {
                throw Invalid(written, "the assembly qualifier '[Assembly]' is not closed or empty");
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
                throw Invalid(written, "the parameter list is not closed with ')'");
            }

            parameters = SplitParameters(rest[(open + 1)..^1], written);
            rest = rest[..open].Trim();
        }

        // "Ns.Type..ctor" / "Ns.Type..cctor": the member starts with the second dot.
        var split = rest.EndsWith("..ctor", StringComparison.Ordinal) || rest.EndsWith("..cctor", StringComparison.Ordinal)
            ? rest.LastIndexOf("..", StringComparison.Ordinal)
            : rest.LastIndexOf('.');
        if (split <= 0 || split == rest.Length - 1)
        {
            throw Invalid(written, "expected Namespace.Type.Method");
        }

        var member = rest[(split + 1)..];
        var typeName = rest[..split];
        if (typeName.Contains(' ') || member.Contains(' '))
        {
            throw Invalid(written, "names cannot contain spaces");
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
