using Diagnose.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace Diagnose.EndToEnd.Tests.Probes;

/// <summary>
/// The method shapes of the probe engine (issue 2): each probed in a real target, which must print the expected probe
/// values and still return exactly what it returns without the probe.
/// </summary>
[TestFixture(TargetRuntime.Net10, StartMode.Launched)]
[TestFixture(TargetRuntime.Net8, StartMode.Attached)]
public sealed class MethodShapeTests(TargetRuntime runtime, StartMode mode)
{
    private static readonly ShapeCase[] s_cases =
    [
        new("static", "Sample.Calculator.Square", "x * 2", "call", "square 12", ["24"], "= 144"),
        new("several-returns-negative", "Sample.Calculator.Classify", "result", "return", "classify -3", ["negative"], "= negative"),
        new("void-instance", "Sample.Calculator.Remember", "this.LastNote", "return", "remember hello", ["hello"], "= hello"),
        new("reference-parameters", "Sample.Calculator.Greet", "name.Length * times", "call", "greet abc 2", ["6"], "= abcabc"),
        new("struct-parameter-and-result", "Sample.Checkout.Price", "$\"{unit.Cents}x{quantity}={result.Cents} {result.Currency}\"", "return", "price 3 250", ["250x3=750 EUR"], "= 7.50 EUR"),
        new("decimal-result", "Sample.Checkout.Submit", "$\"{order.Id}:{result}\"", "return", "submit 7 bob eu 12.5", ["7:12.5"], "= 12.5"),
        new("constructor", "Sample.Order..ctor", "$\"{id} {customer.Region}\"", "call", "submit 8 ann us 3", ["8 us"], "= 3"),
        new("property-getter", "Sample.Order.Total", "result", "return", "submit 9 ann us 4.25", ["4.25"], "= 4.25"),
        new("existing-try-catch-finally", "Sample.Handlers.Guarded", "result ?? exception.Message", "return", "guarded 1", ["start:caught one:finally"], "= start:caught one:finally"),
        new("return-inside-try", "Sample.Handlers.Guarded", "result", "return", "guarded 3", ["start:ok"], "= start:ok"),
        new("exception-through-finally", "Sample.Handlers.Guarded", "exception.Message", "return", "guarded 2", ["two"], "! InvalidOperationException: two @ at Sample.Handlers.Guarded(Int32 n)"),
        new("long-body", "Sample.Handlers.Long", "$\"{n} -> {result}\"", "return", "long 300", ["300 -> 8246"], "= 8246"),
        new("virtual-override", "Sample.Circle.Area", "Math.Round(result, 3)", "return", "area 2", ["12.566"], "= 12.566"),
        new("virtual-base-called-by-override", "Sample.Shape.Describe", "result", "return", "describe 1", ["Circle of area 3.14"], "= circle: Circle of area 3.14"),
        new("interface-implementation", "Sample.PoliteGreeter.Hello", "name", "call", "hello bob", ["bob"], "= Good day, bob"),
        new("generic-method-both-instantiations", "Sample.Generic.First", "result", "return", "first 4 5", ["4", "4"], "= 4,4"),
        new("generic-class", "Sample.Cache`1.Get", "$\"{key}={result}\"", "return", "cache a 3", ["a=-1", "a=3"], "= -1->3"),
        new("recursion", "Sample.Generic.Fib", "n", "call", "fib 3", ["3", "2", "1", "0", "1"], "= 2"),
    ];

    private static IEnumerable<TestCaseData> Cases() => s_cases.Select(c => new TestCaseData(c).SetName(c.Name));

    [TestCaseSource(nameof(Cases))]
    public void TheProbeSeesTheValuesAndTheResultIsUnchanged(ShapeCase shape)
    {
        using var specs = new SpecFile().Add("shape", shape.Target, shape.Value, @event: shape.Event).Save();
        using var app = TargetApp.Start(runtime, mode, specs.Path);
        Assert.That(specs.WaitApplied(app.Pid, "shape"), Is.Null);

        var result = app.Send(shape.Command);

        Assert.That(result.ProbeLines, Is.EqualTo(shape.Expected.Select(v => $"Probe (shape)[tags=[]] = {v}")), result.ToString());
        Assert.That(result.Result, Does.StartWith(shape.Result));
    }
}
