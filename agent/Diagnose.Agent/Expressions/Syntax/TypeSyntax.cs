namespace Diagnose.Expressions;

/// <summary>
/// A type as written: dotted segments (each with optional type arguments), then '?' and array ranks,
/// e.g. <c>System.Collections.Generic.Dictionary&lt;string, int?&gt;[]</c>. A C# keyword type is one segment.
/// </summary>
internal sealed record TypeSyntax(
    IReadOnlyList<TypeSegment> Segments, bool Nullable, IReadOnlyList<int> ArrayRanks, int Position)
    : Syntax(Position)
{
    public override string ToString()
    {
        var text = string.Join(".", Segments.Select(s => s.ToString()));
        return text + (Nullable ? "?" : "") + string.Concat(ArrayRanks.Select(r => "[" + new string(',', r - 1) + "]"));
    }
}

/// <summary>One dotted segment of a <see cref="TypeSyntax"/>.</summary>
internal sealed record TypeSegment(string Name, IReadOnlyList<TypeSyntax> TypeArguments)
{
    public override string ToString() =>
        TypeArguments.Count == 0 ? Name : $"{Name}<{string.Join(", ", TypeArguments.Select(a => a.ToString()))}>";
}

/// <summary><c>(Type)operand</c>.</summary>
internal sealed record CastSyntax(TypeSyntax Type, Syntax Operand, int Position) : Syntax(Position);

/// <summary><c>x is Type</c>, <c>x is not Type</c>, <c>x is null</c> (no <see cref="Type"/>), <c>x as Type</c>.</summary>
internal sealed record TypeTestSyntax(Syntax Operand, TypeTestKind Kind, TypeSyntax? Type, int Position)
    : Syntax(Position);

internal enum TypeTestKind
{
    Is,
    IsNot,
    As,
}

/// <summary><c>typeof(Type)</c> or <c>default(Type)</c>.</summary>
internal sealed record TypeOperatorSyntax(TypeOperator Operator, TypeSyntax Type, int Position) : Syntax(Position);

internal enum TypeOperator
{
    TypeOf,
    Default,
}
