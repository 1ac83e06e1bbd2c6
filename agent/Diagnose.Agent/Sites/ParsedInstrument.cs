using System.Text.Json.Nodes;
using Diagnose.Expressions;

namespace Diagnose.Sites;

/// <summary>An instrument's expressions, parsed: its value, and the optional tags and condition from <c>custom</c>.</summary>
internal sealed record ParsedInstrument(Instrument Instrument, ParsedExpression Value, ParsedExpression? Tags, ParsedExpression? Condition)
{
    public IEnumerable<string> FreeNames =>
        Value.FreeNames.Concat(Tags?.FreeNames ?? Enumerable.Empty<string>()).Concat(Condition?.FreeNames ?? Enumerable.Empty<string>()).Distinct();

    /// <exception cref="ExpressionException">A syntax error in one of them.</exception>
    /// <exception cref="InstrumentException">custom.tags or custom.condition is not an expression text.</exception>
    public static ParsedInstrument Parse(Instrument instrument) =>
        new(instrument, ExpressionCompiler.Parse(instrument.Value), Optional(instrument.Custom, "tags"), Optional(instrument.Custom, "condition"));

    private static ParsedExpression? Optional(JsonObject custom, string key)
    {
        if (!custom.TryGetPropertyValue(key, out var node) || node is null)
        {
            return null;
        }

        if (node is JsonValue value && value.TryGetValue<string>(out var text))
        {
            return string.IsNullOrWhiteSpace(text) ? null : ExpressionCompiler.Parse(text);
        }

        throw new InstrumentException($"custom.{key} must be an expression in a string, got {node.ToJsonString()}");
    }
}
