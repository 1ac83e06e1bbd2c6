using Diagnose.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace Diagnose.EndToEnd.Tests.Probes;

/// <summary>
/// IL shapes C# does not write, from IlShapes.dll (tests/targets/IlShapes, generated with .NET 10's
/// PersistedAssemblyBuilder, so on the .NET 10 target only): tail calls, fault blocks, IL filters, bodies over 64 KB.
/// Cases on one method see each other's calls: the shallow tail-call case logs only n &lt;= 3, so the deep case's
/// 200,000 calls do not empty its rate bucket (100 lines/s) before it runs.
/// </summary>
[TestFixtureSource(typeof(RuntimeVariants), nameof(RuntimeVariants.Net10))]
public sealed class IlShapeTests(TargetRuntime runtime, StartMode mode, string variant)
    : ShapeTableTests<IlShapeTests>(runtime, mode, variant), IShapeCases
{
    public static IReadOnlyList<ShapeCase> Cases { get; } =
    [
        new("tail-call", "IlShapes.Shapes.TailSum", "n <= 3 ? (object)acc : null", "call", "il TailSum 3", ["0", "3", "5", "6"], "= 6"),
        new("tail-call-deep-stays-a-tail-call", "IlShapes.Shapes.TailSum", "n == 0 ? (object)acc : null", "call", "il TailSum 200000", ["-1474736480"], "= -1474736480"),
        new("refused-return-of-tail-call", "IlShapes.Shapes.TailSum", "result", "return", "il TailSum 3", [], "= 6", "return and end probes are not available: the method makes tail calls"),
        new("fault-block", "IlShapes.Shapes.Fault", "exception == null ? (object)result : null", "return", "il Fault 4", ["25"], "= 25"),
        new("fault-block-throwing", "IlShapes.Shapes.Fault", "exception?.Message", "return", "il Fault 0", ["Attempted to divide by zero."], "! DivideByZeroException: Attempted to divide by zero. @ at IlShapes.Shapes.Fault(Int32 x)"),
        new("il-filter-caught", "IlShapes.Shapes.Filter", "exception == null ? result : null", "return", "il Filter 9", ["-1"], "= -1"),
        new("il-filter-passed-on", "IlShapes.Shapes.Filter", "exception?.Message", "return", "il Filter 2", ["2"], "! ArgumentException: 2 @ at IlShapes.Shapes.Filter(Int32 x)"),
        new("body-over-64kb", "IlShapes.Shapes.Huge", "x > 0 ? $\"{x} {result}\" : null", "return", "il Huge 1", ["1 23998"], "= 23998"),
        new("branch-across-64kb", "IlShapes.Shapes.Huge", "x < 0 ? (object)result : null", "return", "il Huge -3", ["-1"], "= -1"),
    ];

    [Test]
    public void TheFaultBlockRunsOncePerThrowUnderTheProbe()
    {
        var before = int.Parse(Send("il faults 0").Result[2..]);

        Assert.That(Send("il Fault 0").Result, Does.StartWith("! DivideByZeroException"));
        Assert.That(Send("il faults 0").Result, Is.EqualTo($"= {before + 1}"));
    }
}
