namespace Diagnose.Expressions;

/// <summary>
/// The identifiers of a tree that may refer to context names: names at the start of an access chain that are not
/// lambda parameters in scope (never member names after '.', anonymous member names or type names).
/// </summary>
internal static class FreeNames
{
    public static IReadOnlySet<string> Of(Syntax root)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        Visit(root, names, new List<string>());
        return names;
    }

    private static void Visit(Syntax? node, HashSet<string> names, List<string> parameters)
    {
        switch (node)
        {
            case null or LiteralSyntax or TypeSyntax or TypeOperatorSyntax or ConditionalReceiverSyntax:
                return;
            case NameSyntax name:
                if (!parameters.Contains(name.Name))
                {
                    names.Add(name.Name);
                }

                return;
            case LambdaSyntax lambda:
                var before = parameters.Count;
                parameters.AddRange(lambda.Parameters.Select(p => p.Name));
                Visit(lambda.Body, names, parameters);
                parameters.RemoveRange(before, parameters.Count - before);
                return;
            default:
                foreach (var child in Children(node))
                {
                    Visit(child, names, parameters);
                }

                return;
        }
    }

    /// <summary>The sub-expressions of a node other than a literal, type, name, lambda or conditional receiver.</summary>
    internal static IEnumerable<Syntax?> Children(Syntax node) => node switch
    {
        InterpolatedStringSyntax s => s.Parts.Select(p => p.Expression),
        MemberAccessSyntax m => [m.Target],
        IndexSyntax i => i.Arguments.Prepend(i.Target),
        CallSyntax c => c.Arguments.Prepend(c.Target),
        ConditionalAccessSyntax c => [c.Target, c.WhenNotNull],
        UnarySyntax u => [u.Operand],
        BinarySyntax b => [b.Left, b.Right],
        ConditionalSyntax c => [c.Condition, c.WhenTrue, c.WhenFalse],
        AssignmentSyntax a => [a.Target, a.Value],
        CastSyntax c => [c.Operand],
        TypeTestSyntax t => [t.Operand],
        AnonymousObjectSyntax a => a.Members.Select(m => m.Value),
        ArrayCreationSyntax a => (a.Lengths ?? []).Concat(a.Elements ?? []),
        ObjectCreationSyntax o => o.Arguments.Concat((o.Initializers ?? []).SelectMany(i => i.Values)),
        _ => throw new InvalidOperationException($"unknown syntax {node.GetType().Name}"),
    };
}
