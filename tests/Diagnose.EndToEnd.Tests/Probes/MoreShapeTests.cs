using Diagnose.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace Diagnose.EndToEnd.Tests.Probes;

/// <summary>
/// Every method shape of issue 5 that C# writes, instrumented in one real target per configuration; README.md's
/// shapes table lists these rows. IL-only shapes: <see cref="IlShapeTests"/>.
/// </summary>
[TestFixtureSource(typeof(RuntimeVariants), nameof(RuntimeVariants.All))]
public sealed class MoreShapeTests(TargetRuntime runtime, StartMode mode, string variant)
    : ShapeTableTests<MoreShapeTests>(runtime, mode, variant), IShapeCases
{
    public static IReadOnlyList<ShapeCase> Cases { get; } =
    [
        new("async-task", "Sample.Fetch.GetAsync", "$\"{delay} {result}\"", "return", "fetch 10", ["10 20"], "= 20"),
        new("async-valuetask", "Sample.Fetch.LabelAsync", "result", "return", "label 5", ["after 5"], "= after 5"),
        new("async-void", "Sample.AsyncVoid.Fire", "delay", "return", "fire 20", ["20"], "= 1"),
        new("iterator", "Sample.Iterators.Countdown", "$\"{from} {result != null}\"", "return", "countdown 3", ["3 True"], "= 3,2,1"),
        new("async-iterator", "Sample.Iterators.CountdownAsync", "from", "call", "countdown-async 2", ["2"], "= 2,1"),
        new("generic-constraint-value-and-reference", "Sample.Constrained.Max", "$\"{a}|{b}|{result}\"", "return", "max 3 9", ["3|9|9", "3|9|9"], "= 9,9"),
        new("generic-class-constraint", "Sample.Constrained.Describe", "value", "call", "describe-class x", ["x"], "= x"),
        new("generic-struct-constraint-nullable", "Sample.Constrained.OrDefault", "value == null", "call", "or-default", ["True"], "= 0"),
        new("indexer", "Sample.Shelf.get_Item", "$\"{index}:{result}\"", "return", "shelf 1", ["1:pear"], "= pear"),
        new("operator", "Sample.Vector.op_Addition", "$\"{a.X},{b.X}\"", "call", "vector 2 3", ["2,1"], "= (3, 4)"),
        new("struct-instance", "Sample.Vector.Dot", "$\"{this.X} {other.Y} {result}\"", "return", "dot 1 1", ["1 3 5"], "= 5"),
        new("struct-static", "Sample.Vector.Scale", "result", "return", "scale 1 2", ["(3, 6)"], "= (3, 6)"),
        new("out-parameter", "Sample.ByRef.TryHalf", "$\"{half} {result}\"", "return", "half 7", ["3 False"], "= False,3"),
        new("ref-and-in-parameters", "Sample.ByRef.Increment", "$\"{counter} {by}\"", "return", "increment 5 2", ["7 2"], "= 7"),
        new("ref-return", "Sample.ByRef.Slot", "result", "return", "slot 1", ["20"], "= 21"),
        new("span-parameter", "Sample.ByRef.SumSpan", "result", "return", "span 1 2 3", ["6"], "= 6"),
        new("pointer-parameter", "Sample.ByRef.ReadPointer", "$\"{pointer.ToInt64() != 0} {result}\"", "return", "pointer 4", ["True 12"], "= 12"),
        new("localloc", "Sample.ByRef.Stack", "$\"{n} {result}\"", "return", "stack 5", ["5 16"], "= 16"),
        new("params-array", "Sample.Arguments.Count", "$\"{label} {values.Length}\"", "call", "params ab 1 2 3", ["ab 3"], "= 5"),
        new("optional-parameters", "Sample.Arguments.Greet", "$\"{greeting}/{times}\"", "call", "optional bob", ["hello/1"], "= hello bob;"),
        new("explicit-interface-implementation", "Sample.Shouter.IShouter.Shout", "text", "call", "shout hi", ["hi"], "= HI!"),
        new("default-interface-method", "Sample.IShouter.Whisper", "result", "return", "whisper HI", ["hi..."], "= hi..."),
        new("local-function", "Sample.Closures.<SumOfSquares>g__Square|0_1", "x", "call", "squares 2", ["1", "2"], "= 5"),
        new("lambda", "Sample.Closures+<>c__DisplayClass1_0.<Adder>b__0", "$\"{x}+{this.k}\"", "call", "adder 2 5", ["5+2"], "= 7"),
        new("extension-method", "Sample.Extensions.Shouted", "text", "call", "shouted ab", ["ab"], "= AB"),
        new("record-constructor", "Sample.Point..ctor", "$\"{X},{Y}\"", "call", "point 3 4", ["3,4"], "= 5"),
        new("record-property", "Sample.Point.Length", "Math.Round(result, 3)", "return", "point 6 8", ["10"], "= 10"),
        new("filters-and-nested-finally", "Sample.Deep.Nested", "result ?? exception.Message", "return", "nested 2", ["abde"], "= abde"),
        new("exception-through-nested-finally", "Sample.Deep.Nested", "exception?.Message", "return", "nested 3", ["inner 3"], "! InvalidOperationException: inner 3 @ at Sample.Deep.Nested(Int32 n)"),
        new("corelib-framework-method", "System.String.Join", "separator", "call", "join a b", ["+"], "= a+b"),
        new("static-constructor", "Sample.Registry..cctor", "method.Name", "return", "registry", [".cctor"], "= alpha,beta"),
        new("refused-extern", "Sample.Native.getpid", "result", "return", "pid", [], "= ", "cannot probe 'Sample.Native.getpid': it is extern (P/Invoke)"),
        new("refused-ref-struct-value", "Sample.ByRef.SumSpan", "values", "call", "span 4", [], "= 4", "'values' is a ref struct (ReadOnlySpan`1), which cannot leave the method"),
        new("async-end-event-reads-parameters", "Sample.Fetch.GetAsync", "delay", "end", "fetch 1", ["1"], "= 2"),
        new("readytorun-inlined-call-site", "System.String.IsNullOrEmpty", "value == \"r2r-left\" ? caller : null", "call", "concat r2r-left right", ["System.String.Concat"], "= r2r-leftright"),
        new("readytorun-framework-method", "System.Text.Json.JsonSerializer.Serialize", "value", "call", "json 1 2", ["Point { X = 1, Y = 2, Length = 2.23606797749979 }"], "= {\"X\":1,\"Y\":2,\"Length\":2.23606797749979}"),
    ];
}
