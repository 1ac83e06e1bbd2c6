namespace Diagnose.Expressions;

/// <summary>A constant: a number, string, char, true/false or null (a null <see cref="Value"/>).</summary>
internal sealed record LiteralSyntax(object? Value, int Position) : Syntax(Position);

/// <summary><c>$"text {expression,alignment:format} text"</c>.</summary>
internal sealed record InterpolatedStringSyntax(IReadOnlyList<InterpolationSyntax> Parts, int Position)
    : Syntax(Position);

/// <summary>One part of an interpolated string: either <see cref="Text"/> or a hole's <see cref="Expression"/>.</summary>
internal sealed record InterpolationSyntax(string? Text, Syntax? Expression, int? Alignment, string? Format);
