namespace Diagnose.Expressions;

/// <summary><c>x =&gt; body</c>, <c>(x, y) =&gt; body</c> or <c>(int x) =&gt; body</c>; bound once its delegate type is known.</summary>
internal sealed record LambdaSyntax(IReadOnlyList<LambdaParameterSyntax> Parameters, Syntax Body, int Position)
    : Syntax(Position);

internal sealed record LambdaParameterSyntax(string Name, TypeSyntax? Type, int Position);
