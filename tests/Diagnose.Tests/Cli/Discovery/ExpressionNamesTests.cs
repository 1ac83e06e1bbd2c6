using Diagnose.Cli.Discovery;
using Diagnose.Expressions;
using NUnit.Framework;

namespace Diagnose.Tests.Cli.Discovery;

/// <summary>
/// The names <c>check</c> reads from an expression: only those it is sure of, and never one the agent's own parser
/// would not look up in the context.
/// </summary>
public sealed class ExpressionNamesTests
{
    private static readonly object[] s_cases =
    [
        new object[] { "order.Total", new[] { "order" } },
        new object[] { "x => x + 1", Array.Empty<string>() },
        new object[] { "items.Select(i => i.Name).Count()", new[] { "items" } },
        new object[] { "(int a, int b) => a + b", Array.Empty<string>() },
        new object[] { "$\"{name}:{text,5} {elapsed:0.00}s\"", new[] { "name", "text", "elapsed" } },
        new object[] { "$\"{{literal}} {v}\"", new[] { "v" } },
        new object[] { "$\"{(ok ? yes : no)}\"", new[] { "ok", "yes", "no" } },
        new object[] { "$@\"{path}\\{file}\"", new[] { "path", "file" } },
        new object[] { "new { region = order.Customer.Region, order.Id }", new[] { "order" } },
        new object[] { "(Order)o", new[] { "o" } },
        new object[] { "len(name) + mag(total)", new[] { "name", "total" } },
        new object[] { "Math.Max(a, b)", new[] { "a", "b" } },
        new object[] { "typeof(int).Name + default(string)", Array.Empty<string>() },
        new object[] { "x is string", new[] { "x" } },
        new object[] { "\"a string with name in it\"", Array.Empty<string>() },
        new object[] { "@\"verbatim \"\"quoted\"\" name\"", Array.Empty<string>() },
        new object[] { "a ?? b", new[] { "a", "b" } },
        new object[] { "a?.b?.c", new[] { "a" } },
        new object[] { "hotspots.worst.line", new[] { "hotspots" } },
        new object[] { "arr[idx] + 1.5e3", new[] { "arr", "idx" } },
        new object[] { "cond ? 'y' : 'n'", new[] { "cond" } },
        new object[] { "x.Cast<int>().Count()", new[] { "x" } },
        new object[] { "n.ToString(\"x\") == this.Name", new[] { "n", "this" } },
        new object[] { "Sample.Calculator.Square(n)", new[] { "n" } },
        new object[] { "@event + _hidden", new[] { "event", "_hidden" } },
        new object[] { "!done && count > 0", new[] { "done", "count" } },
        new object[] { "count < limit && limit > 2", new[] { "count", "limit" } },
        new object[] { "items.OfType<Order>().Where(o => o.Total < max)", new[] { "items", "max" } },
        new object[] { "new List<int> { first, second }.Count", new[] { "first", "second" } },
        new object[] { "(a, b) => a < b", Array.Empty<string>() },
    ];

    [TestCaseSource(nameof(s_cases))]
    public void OnlyTheNamesSurelyReadFromTheContextAreFound(string source, string[] expected)
    {
        Assert.That(ExpressionNames.Of(source), Is.EqualTo(expected));
    }

    [TestCaseSource(nameof(s_cases))]
    public void EveryNameFoundIsOneTheAgentsParserLooksUpInTheContext(string source, string[] expected)
    {
        var agent = ExpressionCompiler.Parse(source).FreeNames;
        Assert.That(ExpressionNames.Of(source), Is.SubsetOf(agent));
    }

    [TestCase("\"not closed")]
    [TestCase("$\"{not closed\"")]
    [TestCase("'x")]
    public void ATextThatCannotBeReadToItsEndGivesNoNames(string source)
    {
        Assert.That(ExpressionNames.Of(source), Is.Null);
    }
}
