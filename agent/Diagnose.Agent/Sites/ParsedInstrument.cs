using System.Reflection;
using System.Text.Json.Nodes;
using Diagnose.Expressions;
using Diagnose.Redaction;

namespace Diagnose.Sites;

/// <summary>An instrument's expressions, parsed: its value, and the optional tags and condition from <c>custom</c>.</summary>
internal sealed record ParsedInstrument(Instrument Instrument, ParsedExpression Value, ParsedExpression? Tags, ParsedExpression? Condition)
{
    public IEnumerable<string> FreeNames =>
        Value.FreeNames.Concat(Tags?.FreeNames ?? Enumerable.Empty<string>()).Concat(Condition?.FreeNames ?? Enumerable.Empty<string>()).Distinct();

    /// <summary>The expressions, redacted for <paramref name="method"/> (see <see cref="ExpressionRedaction"/>).</summary>
    /// <exception cref="ExpressionException">A syntax error in one of them.</exception>
    /// <exception cref="InstrumentException">custom.tags or custom.condition is not an expression text; a metric's value reads a redacted name.</exception>
    public static ParsedInstrument Parse(Instrument instrument, MethodBase? method = null)
    {
        var redactor = Redactor.Current;
        var value = ExpressionCompiler.Parse(instrument.Value);
        if (instrument is NumericInstrument && ExpressionRedaction.SensitiveName(value, method, redactor) is { } name)
        {
            throw new InstrumentException($"the value reads '{name}', which is redacted: a metric cannot send it");
        }

        return new(
            instrument,
            ExpressionRedaction.Value(value, method, redactor),
            ExpressionRedaction.Tags(Optional(instrument.Custom, "tags"), method, redactor),
            ExpressionRedaction.Condition(Optional(instrument.Custom, "condition"), method, redactor));
    }

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
