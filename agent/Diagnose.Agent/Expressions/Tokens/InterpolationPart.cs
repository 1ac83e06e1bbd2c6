namespace Diagnose.Expressions;

/// <summary>
/// A piece of an interpolated string: literal text, or a hole <c>{expression,alignment:format}</c> whose
/// expression spans [<see cref="HoleStart"/>, <see cref="HoleEnd"/>) of the source.
/// </summary>
internal sealed record InterpolationPart(string? Text, int HoleStart, int HoleEnd, int? Alignment, string? Format)
{
    public bool IsHole => Text is null;

    public static InterpolationPart Literal(string text) => new(text, -1, -1, null, null);

    public static InterpolationPart Hole(int start, int end, int? alignment, string? format) =>
        new(null, start, end, alignment, format);
}
