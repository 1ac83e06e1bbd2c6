using System.Globalization;
using NUnit.Framework;

namespace Diagnose.Tests.Expressions;

public sealed class InterpolationTests
{
    private static readonly Order Order = new();
    private static readonly string Str = "ab";
    private static readonly int I = 7;

    private static TestScope Scope() => TestScope.Empty.With("order", Order).With("str", Str).With("i", I);

    private static IEnumerable<TestCaseData> Cases()
    {
        yield return Case("$\"{order.Id} and {order.Total:F2}\"", $"{Order.Id} and {Order.Total:F2}");
        yield return Case("$\"[{order.Id,5}] [{order.Id,-5}] [{order.Total,8:N1}]\"", $"[{Order.Id,5}] [{Order.Id,-5}] [{Order.Total,8:N1}]");
        yield return Case("$\"{{literal}} {str} }}\"", $"{{literal}} {Str} }}");
        yield return Case("$@\"c:\\{str}\\\"\"x\"\"\"", $@"c:\{Str}\""x""");
        yield return Case("@$\"{str}\\n\"", @$"{Str}\n");
        yield return Case("$\"tab\\t{str}\"", $"tab\t{Str}");
        yield return Case("$\"{(i > 5 ? \"big\" : \"small\")}\"", $"{(I > 5 ? "big" : "small")}");
        yield return Case("$\"{order.Counts[\"a\"]}\"", $"{Order.Counts["a"]}");
        yield return Case("$\"{order.PlacedAt:yyyy-MM-dd HH:mm}\"", $"{Order.PlacedAt:yyyy-MM-dd HH:mm}");
        yield return Case("$\"a{$\"b{i}\"}\"", $"a{$"b{I}"}");
        yield return Case("$\"{null}|{order.Customer.Nickname}|\"", $"{null}|{Order.Customer!.Nickname}|");
        yield return Case("$\"no holes\"", "no holes");
        yield return Case("$\"{order.Items.Count(x => x.Ok)} ok\"", $"{Order.Items.Count(x => x.Ok)} ok");
    }

    private static TestCaseData Case(string source, string expected) => new TestCaseData(source, expected).SetArgDisplayNames(source);

    [TestCaseSource(nameof(Cases))]
    public void AnInterpolatedStringReadsAsCSharpWritesIt(string source, string expected) =>
        Assert.That(Scope().Evaluate<string>(source), Is.EqualTo(expected));

    [Test]
    public void AnInterpolatedStringUsesTheCurrentCultureLikeCSharp()
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("fr-FR");
            Assert.That(Scope().Evaluate("$\"{1.5}\""), Is.EqualTo($"{1.5}"));
            Assert.That(Scope().Evaluate("$\"{1.5}\""), Is.EqualTo("1,5"));
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }
}
