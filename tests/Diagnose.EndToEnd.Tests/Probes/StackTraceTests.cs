using Diagnose.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace Diagnose.EndToEnd.Tests.Probes;

/// <summary>
/// While probes of every kind are on a method, the exceptions it throws (or lets through) have exactly the stack
/// trace they have without probes: <c>e.ToString()</c>, <c>new StackTrace(e, true)</c> and each frame's IL offset,
/// file, line and column are compared as whole texts, in the same process before and after the probes start.
/// </summary>
[TestFixture(TargetRuntime.Net10, StartMode.Launched)]
[TestFixture(TargetRuntime.Net10, StartMode.Attached)]
[TestFixture(TargetRuntime.Net8, StartMode.Launched)]
[TestFixture(TargetRuntime.Net8, StartMode.Attached)]
public sealed class StackTraceTests(TargetRuntime runtime, StartMode mode)
{
    private static IEnumerable<TestCaseData> Cases()
    {
        yield return new TestCaseData("body", new[] { "Body" }).SetName("AThrowInTheBodyKeepsItsStackTrace");
        yield return new TestCaseData("callee", new[] { "Callee", "Thrower" }).SetName("AThrowInACalleeKeepsItsStackTrace");
        yield return new TestCaseData("catch", new[] { "InCatch", "Thrower" }).SetName("AThrowInACatchBlockKeepsItsStackTrace");
        yield return new TestCaseData("finally", new[] { "InFinally" }).SetName("AThrowInAFinallyBlockKeepsItsStackTrace");
        yield return new TestCaseData("rethrow", new[] { "Rethrow", "Thrower" }).SetName("ARethrowKeepsItsStackTrace");
        yield return new TestCaseData("async", new[] { "Async" }).SetName("AThrowInAnAsyncMethodKeepsItsStackTrace");
    }

    [TestCaseSource(nameof(Cases))]
    public void TheStackTraceIsTheSameWithProbesAsWithout(string kind, string[] methods)
    {
        using var specs = new SpecFile();
        using var app = TargetApp.Start(runtime, mode, specs.Path, attachNow: false);
        var command = $"trace {kind}";
        var without = app.Send(command);
        Assert.That(without.Result, Does.Contain("Traces.cs:line "), "precondition: the target's PDB gives lines");

        var ids = new List<string>();
        foreach (var method in methods)
        {
            var target = $"Sample.Traces.{method}";
            var id = method.ToLowerInvariant();
            specs.Add($"{id}-call", target, "start", @event: "call")
                .Add($"{id}-elapsed", target, "elapsed", type: "hist")
                .Add($"{id}-return", target, "exception?.Message")
                .Add($"{id}-end", target, "exception?.Message", @event: "end");
            ids.AddRange([$"{id}-call", $"{id}-elapsed", $"{id}-return", $"{id}-end"]);
            if (kind != "async")
            {
                // Line hooks before every sequence point; an async method's lines run in its state machine.
                specs.Add($"{id}-hotspots", target, "hotspots.Calls.Count");
                ids.Add($"{id}-hotspots");
            }
        }

        specs.Save();
        if (mode == StartMode.Attached)
        {
            Assert.That(app.AttachNow(specs.Path).ExitCode, Is.EqualTo(0), app.Attach!.ToString());
        }

        foreach (var id in ids)
        {
            Assert.That(specs.WaitApplied(app.Pid, id), Is.Null, id);
        }

        // The log probes' lines show the instrumented code ran (an async method's return and end lines come when its
        // task completes, after the result line: a line that did not come in time is waited for on the next call).
        var logged = ids.Count(i => !i.EndsWith("-elapsed", StringComparison.Ordinal));
        var with = app.Send(command, logged);
        for (var attempt = 1; attempt < 3 && with.ProbeLines.Count < logged; attempt++)
        {
            with = app.Send(command, logged);
        }

        Assert.That(with.ProbeLines, Has.Count.GreaterThanOrEqualTo(logged), "the probes ran: " + with);
        Assert.That(with.Result, Is.EqualTo(without.Result), $"without probes:\n{without.Result}\nwith probes:\n{with.Result}");
    }
}
