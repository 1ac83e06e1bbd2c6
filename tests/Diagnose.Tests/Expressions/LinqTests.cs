using NUnit.Framework;

namespace Diagnose.Tests.Expressions;

/// <summary>LINQ operators with lambdas, generic arguments inferred from the receiver and the lambda bodies.</summary>
public sealed class LinqTests
{
    private static readonly List<Item> Items = new Order().Items;
    private static readonly int[] Numbers = [3, 1, 4, 1, 5];
    private static readonly Dictionary<string, int> Counts = new Order().Counts;
    private static readonly List<Order> Orders = [new Order(), new Order { Id = 8 }];
    private static readonly object[] Objects = ["a", 1, "b", 2.5];

    private static TestScope Scope() => TestScope.Empty
        .With("items", Items).With("numbers", Numbers).With("counts", Counts).With("orders", Orders)
        .With("objects", Objects).With("limit", 3m).With("order", "a shadowed context name");

    private static TestCaseData Case<TResult>(string source, TResult expected) =>
        new TestCaseData(source, expected, typeof(TResult)).SetArgDisplayNames(source);

    private static IEnumerable<TestCaseData> Queries()
    {
        yield return Case("items.Count(i => i.Price > 10)", Items.Count(i => i.Price > 10));
        yield return Case("items.Where(x => x.Ok).Select(x => x.Name).FirstOrDefault()", Items.Where(x => x.Ok).Select(x => x.Name).FirstOrDefault());
        yield return Case("items.Sum(x => x.Total)", Items.Sum(x => x.Total));
        yield return Case("items.Sum(x => x.Quantity)", Items.Sum(x => x.Quantity));
        yield return Case("items.Sum(x => x.Quantity * 1.5)", Items.Sum(x => x.Quantity * 1.5));
        yield return Case("items.Any()", Items.Any());
        yield return Case("items.Any(i => i.Quantity == 0)", Items.Any(i => i.Quantity == 0));
        yield return Case("items.All(i => i.Price > 0)", Items.All(i => i.Price > 0));
        yield return Case("items.Max(i => i.Price)", Items.Max(i => i.Price));
        yield return Case("items.Min(i => i.Quantity)", Items.Min(i => i.Quantity));
        yield return Case("items.Average(i => i.Quantity)", Items.Average(i => i.Quantity));
        yield return Case("items.LongCount()", Items.LongCount());
        yield return Case("items.OrderByDescending(i => i.Price).ThenBy(i => i.Name).Select(i => i.Name).ToArray()", Items.OrderByDescending(i => i.Price).ThenBy(i => i.Name).Select(i => i.Name).ToArray());
        yield return Case("items.Select((x, index) => x.Name + index).Last()", Items.Select((x, index) => x.Name + index).Last());
        yield return Case("items.Where(i => i.Ok).Select(i => new { i.Name, i.Total }).First().ToString()", "{ Name = pen, Total = 10.0 }");
        yield return Case("items.Count(i => i.Price > limit)", Items.Count(i => i.Price > 3m));
        yield return Case("items.Count(order => order.Ok)", Items.Count(order => order.Ok));
        yield return Case("items.Select(i => i.Name).Contains(\"ink\")", Items.Select(i => i.Name).Contains("ink"));
        yield return Case("string.Join(\", \", items.Select(i => i.Name))", string.Join(", ", Items.Select(i => i.Name)));
        yield return Case("numbers.Contains(4)", Numbers.Contains(4));
        yield return Case("numbers.Take(2).Sum()", Numbers.Take(2).Sum());
        yield return Case("numbers.Skip(1).ToList().Count", Numbers.Skip(1).ToList().Count);
        yield return Case("numbers.Distinct().Count()", Numbers.Distinct().Count());
        yield return Case("numbers.Aggregate((a, b) => a * b)", Numbers.Aggregate((a, b) => a * b));
        yield return Case("numbers.Aggregate(10L, (total, n) => total + n)", Numbers.Aggregate(10L, (total, n) => total + n));
        yield return Case("numbers.ElementAt(2)", Numbers.ElementAt(2));
        yield return Case("numbers.OrderBy(n => n).First()", Numbers.OrderBy(n => n).First());
        yield return Case("numbers.Count((int n) => n > 1)", Numbers.Count(n => n > 1));
        yield return Case("numbers.SequenceEqual(new[] { 3, 1, 4, 1, 5 })", Numbers.SequenceEqual([3, 1, 4, 1, 5]));
        yield return Case("numbers.Max()", Numbers.Max());
        yield return Case("numbers.Average()", Numbers.Average());
        yield return Case("numbers.Single(n => n == 4)", Numbers.Single(n => n == 4));
        yield return Case("numbers.LastOrDefault(n => n > 100)", Numbers.LastOrDefault(n => n > 100));
        yield return Case("counts.Where(kv => kv.Value > 1).Select(kv => kv.Key).Single()", Counts.Where(kv => kv.Value > 1).Select(kv => kv.Key).Single());
        yield return Case("counts.Values.Sum()", Counts.Values.Sum());
        yield return Case("counts.Keys.Contains(\"a\")", Counts.Keys.Contains("a"));
        yield return Case("counts.ContainsValue(2)", Counts.ContainsValue(2));
        yield return Case("orders.SelectMany(o => o.Items).Count(i => i.Ok)", Orders.SelectMany(o => o.Items).Count(i => i.Ok));
        yield return Case("orders.Sum(o => o.Items.Sum(i => i.Quantity))", Orders.Sum(o => o.Items.Sum(i => i.Quantity)));
        yield return Case("orders.Where(o => o.Items.Any(i => i.Price > o.Id)).Select(o => o.Id).ToList().Count", Orders.Where(o => o.Items.Any(i => i.Price > o.Id)).Select(o => o.Id).ToList().Count);
        yield return Case("objects.OfType<string>().Count()", Objects.OfType<string>().Count());
        yield return Case("objects.Select(o => o.ToString()).Last()", Objects.Select(o => o.ToString()).Last());
        yield return Case("Enumerable.Range(1, 4).Select(n => n * n).Sum()", Enumerable.Range(1, 4).Select(n => n * n).Sum());
    }

    [TestCaseSource(nameof(Queries))]
    public void ALinqQueryGivesWhatTheSameCSharpGives(string source, object expected, Type type)
    {
        Assert.That(Scope().Bind(source).Type, Is.EqualTo(type));
        Assert.That(Scope().Evaluate(source), Is.EqualTo(expected));
    }

    [Test]
    public void AnErrorInALambdaBodyIsReportedRatherThanAMissingOverload() =>
        Assert.That(Scope().ErrorOf("items.Count(i => i.Prce > 10)"), Is.EqualTo("'Diagnose.Tests.Expressions.Item' does not have a member 'Prce' at 19 in \"items.Count(i => i.Prce > 10)\""));

    [Test]
    public void ACallNoOverloadTakesIsReportedWithTheArgumentTypes() =>
        Assert.That(Scope().ErrorOf("items.Count(1, \"x\")"), Is.EqualTo("no overload of 'System.Collections.Generic.List<Diagnose.Tests.Expressions.Item>.Count' takes arguments (int, string) at 6 in \"items.Count(1, \"x\")\""));

    [Test]
    public void ALambdaNeedsADelegateTypeFromTheMethodItIsPassedTo() =>
        Assert.That(Scope().ErrorOf("x => x"), Is.EqualTo("a lambda can only be passed to a method that takes a delegate (such as Where or Count) at 0 in \"x => x\""));

    [Test]
    public void ATypedLambdaParameterMustMatchTheDelegate() =>
        Assert.That(Scope().ErrorOf("numbers.Count((long n) => n > 1)"), Is.EqualTo("lambda parameter 'n' is declared 'long' but 'int' is expected at 20 in \"numbers.Count((long n) => n > 1)\""));
}
