using System.Text.Json.Nodes;
using Diagnose.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace Diagnose.EndToEnd.Tests.Probes;

/// <summary>
/// Line probes (issue 12, part 1) on a real process: <c>File.cs:LINE</c> and <c>Ns.Type.Method:LINE</c> targets in a
/// plain method, an async method (locals hoisted into its state machine), an iterator, a lambda, a generic method and
/// inside try, catch and finally (tests/targets/Sample/Lines.cs, each line found by its marker comment), with the
/// locals in scope and <c>line</c>, composed with a return probe and a snapshot; errors for a line without code.
/// </summary>
[TestFixture(TargetRuntime.Net10, StartMode.Launched)]
[TestFixture(TargetRuntime.Net8, StartMode.Attached)]
public sealed class LineProbeTests(TargetRuntime runtime, StartMode mode)
{
    private static readonly string[] s_source = File.ReadAllLines(Path.Combine(Installation.Root, "tests", "targets", "Sample", "Lines.cs"));
    private static readonly string[] s_shipping = File.ReadAllLines(Path.Combine(Installation.Root, "tests", "targets", "Sample", "Shipping.cs"));

    [Test]
    public void AFileLineProbeFiresBeforeTheLineRunsEachTimeWithTheLocalsInScope()
    {
        var loop = LineOf(s_shipping, "weight += parcel.Kg;");
        var first = LineOf(s_shipping, "var weight = 0.0;");
        using var specs = new SpecFile()
            .Add("loop", $"Shipping.cs:{loop}", "$\"{parcel.Kg} {weight} {copies} {line}\"")
            .Add("path", $"Sample/Shipping.cs:{first}", "label")
            .Add("method", $"Sample.Shipping.Ship:{first}", "weight")
            .Add("returned", "Sample.Shipping.Ship", "result")
            .Save();
        using var app = Started(specs);

        var call = app.Send("ship 7 2 hunter2");

        Assert.That(call.ProbeLines, Is.EqualTo(new[]
        {
            "Probe (path)[tags=[]] = 7-2",
            "Probe (method)[tags=[]] = 0",
            $"Probe (loop)[tags=[]] = 1.5 0 2 {loop}",
            $"Probe (loop)[tags=[]] = 2.25 1.5 2 {loop}",
            "Probe (returned)[tags=[]] = 7-2/3.75",
        }), "in order: line probes before their line runs (weight is still 0), the return probe last");
        Assert.That(call.Result, Is.EqualTo("= 7-2/3.75"));
    }

    [TestCase("async", "lines-async 3", "$\"{i} {total} {line}\"", new[] { "1 0", "2 1", "3 3" }, "= 6")]
    [TestCase("iterator", "lines-iterator 3", "$\"{i} {line}\"", new[] { "0", "1", "2" }, "= 0,2,4")]
    [TestCase("lambda", "lines-lambda 4 5", "$\"{v} {line}\"", new[] { "4", "5" }, "= 18")]
    [TestCase("generic", "lines-pick a b second 1 2", "$\"{first}|{second}|{takeSecond} {line}\"", new[] { "a|b|True", "1|2|True" }, "= b,2")]
    [TestCase("try", "lines-guarded 0", "$\"{n} {log} {line}\"", new[] { "0 start" }, "= start:body:finally")]
    [TestCase("catch", "lines-guarded 1", "$\"{n} {log} {e.Message} {line}\"", new[] { "1 start one" }, "= start:caught one:finally")]
    [TestCase("finally", "lines-guarded 1", "$\"{n} {log} {line}\"", new[] { "1 start:caught one" }, "= start:caught one:finally")]
    public void ALineProbeWorksInEveryKindOfMethod(string marker, string command, string value, string[] expected, string result)
    {
        var line = LineOf(s_source, $"// line: {marker}");
        using var specs = new SpecFile().Add("line", $"Lines.cs:{line}", value).Save();
        using var app = Started(specs);

        var call = app.Send(command, expected.Length);

        Assert.That(call.Result, Is.EqualTo(result));
        Assert.That(call.ProbeLines, Is.EqualTo(expected.Select(e => $"Probe (line)[tags=[]] = {e} {line}")));
    }

    [Test]
    public void ASnapshotAtALineHoldsTheLocalsInScopeThere()
    {
        var loop = LineOf(s_shipping, "weight += parcel.Kg;");
        using var specs = new SpecFile().Add("snap", $"Shipping.cs:{loop}", "snapshot", type: "snapshot").Save();
        using var app = Started(specs);

        var snapshot = JsonNode.Parse(app.Send("ship 3 1 x").Snapshots.First())!;

        Assert.That(snapshot["event"]!.GetValue<string>(), Is.EqualTo("line"));
        Assert.That(snapshot["locals"]!["weight"]!.GetValue<double>(), Is.EqualTo(0));
        Assert.That(snapshot["locals"]!["parcel"]!["Kg"]!.GetValue<double>(), Is.EqualTo(1.5));
        Assert.That(snapshot["args"]!["copies"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(snapshot.AsObject().ContainsKey("result"), Is.False, "a line comes before the method returns");
        Assert.That(snapshot["stack"]![0]!.GetValue<string>(), Is.EqualTo($"Sample.Shipping.Ship (Shipping.cs:{loop})"));
    }

    [Test]
    public void ALineWithoutCodeNamesTheNearestLinesAndAFileNoAssemblyHasWaits()
    {
        var blank = LineOf(s_shipping, "weight += parcel.Kg;") + 2; // the blank line after the loop
        Assert.That(s_shipping[blank - 1].Trim(), Is.Empty, "the line is blank");
        using var specs = new SpecFile()
            .Add("blank", $"Shipping.cs:{blank}", "1")
            .Add("method-blank", $"Sample.Shipping.Ship:{blank}", "1")
            .Add("elsewhere", "Sample.Calculator.Add13:1", "1")
            .Add("missing", "Nowhere/Gone.cs:3", "1")
            .Add("result", $"Shipping.cs:{blank + 1}", "result")
            .Save();
        using var app = Started(specs);

        Assert.That(specs.WaitApplied(app.Pid, "blank"), Does.Match($@"^line {blank} of Shipping\.cs has no code; nearest: \d+, {blank + 1}$"));
        Assert.That(specs.WaitApplied(app.Pid, "method-blank"), Does.Match($@"^line {blank} has no code in 'Sample\.Shipping\.Ship'; nearest: \d+, {blank + 1}$"));
        Assert.That(specs.WaitApplied(app.Pid, "elsewhere"), Does.StartWith("line 1 has no code in 'Sample.Calculator.Add13'; nearest: "));
        Assert.That(specs.WaitApplied(app.Pid, "missing"), Is.EqualTo("pending: no loaded assembly has a source file 'Nowhere/Gone.cs' in its symbols (portable PDB); waiting for one to load"));
        Assert.That(specs.WaitApplied(app.Pid, "result"), Does.Contain("'result' is not available on the line event"));
        Assert.That(app.Send("ship 1 1 x").Result, Is.EqualTo("= 1-1/3.75"));
    }

    [Test]
    public void AStackTraceThroughALineProbeIsTheSameAsWithout()
    {
        var throwing = LineOf(s_source, "// line: throws");
        var before = Trace(null, throwing);
        var with = Trace($"Lines.cs:{throwing}", throwing);

        Assert.That(with, Is.EqualTo(before));
        Assert.That(with, Does.Contain($"Lines.cs:line {throwing}"));
        Assert.That(with, Does.StartWith("= System.InvalidOperationException: thrown at 8"));
    }

    /// <summary>The stack trace of the exception thrown at the line, from a target with a line probe there (or none).</summary>
    private string Trace(string? target, int line)
    {
        var specs = new SpecFile();
        if (target is not null)
        {
            specs.Add("at-throw", target, "n");
        }

        using (specs.Save())
        using (var app = Started(specs))
        {
            var call = app.Send("trace lines");
            if (target is not null)
            {
                Assert.That(call.ProbeLines, Is.EqualTo(new[] { "Probe (at-throw)[tags=[]] = 4" }), $"the probe at line {line} fired");
            }

            return call.Result;
        }
    }

    private TargetApp Started(SpecFile specs)
    {
        var app = TargetApp.Start(runtime, mode, specs.Path);
        foreach (var id in specs.Ids)
        {
            specs.WaitApplied(app.Pid, id);
        }

        return app;
    }

    private static int LineOf(string[] source, string text)
    {
        var index = Array.FindIndex(source, l => l.Contains(text, StringComparison.Ordinal));
        Assert.That(index, Is.GreaterThanOrEqualTo(0), $"'{text}' is in the source");
        return index + 1;
    }
}
