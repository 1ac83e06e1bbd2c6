using System.Linq.Expressions;
using System.Reflection;
using System.Text;

namespace Diagnose.Expressions;

/// <summary>
/// <c>$"a {x} b {y,5:F2}"</c> becomes <c>string.Format("a {0} b {1,5:F2}", x, y)</c>: the same text C# produces,
/// in the current culture, with alignment and format applied by composite formatting.
/// </summary>
internal static class InterpolationBinder
{
    private static readonly MethodInfo Format = typeof(string).GetMethod(nameof(string.Format), [typeof(string), typeof(object[])])!;

    public static Expression Bind(InterpolatedStringSyntax interpolated, Binder binder)
    {
        var format = new StringBuilder();
        var values = new List<Expression>();
        foreach (var part in interpolated.Parts)
        {
            if (part.Expression is null)
            {
                format.Append(part.Text!.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal));
                continue;
            }

            format.Append('{').Append(values.Count);
            if (part.Alignment is { } alignment)
            {
                format.Append(',').Append(alignment);
            }

            if (part.Format is { } text)
            {
                format.Append(':').Append(text);
            }

            format.Append('}');
            values.Add(Conversions.Convert(binder.BindValue(part.Expression), typeof(object)));
        }

        return values.Count == 0
            ? Expression.Constant(format.ToString().Replace("{{", "{", StringComparison.Ordinal).Replace("}}", "}", StringComparison.Ordinal))
            : Expression.Call(Format, Expression.Constant(format.ToString()), Expression.NewArrayInit(typeof(object), values));
    }
}
