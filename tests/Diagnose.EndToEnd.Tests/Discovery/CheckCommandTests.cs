using System.Globalization;
using Diagnose.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace Diagnose.EndToEnd.Tests.Discovery;

/// <summary>
/// <c>diagnose check</c> against the Sample target's files, no process: good specs pass (and the same specs then
/// install in a running target: no false errors), bad ones are listed with their spec id in the agent's words.
/// </summary>
public sealed class CheckCommandTests
{
    /// <summary>Specs of many shapes that the agent installs: targets of every kind, names of every event.</summary>
    private const string GoodSpecs = """
        {
          "submit": { "target": "Sample.Checkout.Submit", "instrument": { "type": "log", "name": "t", "value": "order.Total", "custom": { "tags": "new { region = order.Customer.Region }", "condition": "order.Total > 100 && result > 0" } } },
          "greet-end": { "target": "Sample.Calculator.Greet", "instrument": { "type": "log", "name": "g", "value": "$\"{name}:{text} {i} ({elapsed:0.00}s)\"", "event": "end" } },
          "add13-call": { "target": "Sample.Calculator.Add13(int)", "instrument": { "type": "log", "name": "a", "value": "args.Length + arg + this.GetHashCode() + len(caller)", "event": "call" } },
          "lambda": { "target": "Sample.Closures+<>c.<SumOfSquares>b__0_0", "instrument": { "type": "incr", "name": "l", "value": "x", "event": "call" } },
          "linq": { "target": "Sample.Closures.SumOfSquares", "instrument": { "type": "log", "name": "c", "value": "Enumerable.Range(0, n).Select(k => k * 2).Where((v, index) => index > 0).Sum()" } },
          "framework": { "target": "System.String.Join(string, string[])", "instrument": { "type": "log", "name": "j", "value": "separator", "event": "call" } },
          "ctor": { "target": "Sample.Order..ctor", "instrument": { "type": "log", "name": "o", "value": "(object)id ?? total", "event": "return" } },
          "property": { "target": "Sample.Checkout.Count", "instrument": { "type": "log", "name": "p", "value": "result" } },
          "explicit": { "target": "Sample.Shouter.IShouter.Shout", "instrument": { "type": "log", "name": "s", "value": "text.Length > 0 ? text : \"empty name\"" } },
          "nested-with-dot": { "target": "Sample.Iterators.<Countdown>d__0.MoveNext", "instrument": { "type": "log", "name": "m", "value": "result" } },
          "generic": { "target": "Sample.Cache`1.Get", "instrument": { "type": "log", "name": "cg", "value": "key + fallback", "event": "return" } },
          "async-end": { "target": "Sample.Fetch.GetAsync", "instrument": { "type": "log", "name": "ga", "value": "delay + result", "event": "end" } }
        }
        """;

    private const string BadSpecs = """
        {
          "misspelt": { "target": "Sample.Checkout.Sumbit", "instrument": { "type": "log", "name": "t", "value": "result" } },
          "no-type": { "target": "Sample.Chekout.Submit", "instrument": { "type": "log", "name": "t", "value": "result" } },
          "result-on-call": { "target": "Sample.Checkout.Submit", "instrument": { "type": "log", "name": "t", "value": "result", "event": "call" } },
          "unknown-name": { "target": "Sample.Checkout.Submit", "instrument": { "type": "log", "name": "t", "value": "ordr.Total" } },
          "local-on-return": { "target": "Sample.Calculator.Greet", "instrument": { "type": "log", "name": "t", "value": "text" } },
          "static-this": { "target": "Sample.Calculator.Classify", "instrument": { "type": "log", "name": "t", "value": "this" } },
          "abstract": { "target": "Sample.Shape.Area", "instrument": { "type": "log", "name": "t", "value": "result" } },
          "overload": { "target": "Sample.Calculator.Greet(int)", "instrument": { "type": "log", "name": "t", "value": "result" } },
          "bad-event": { "target": "Sample.Calculator.Greet", "instrument": { "type": "log", "name": "t", "value": "result", "event": "exit" } },
          "tail-call": { "target": "IlShapes.Shapes.TailSum", "instrument": { "type": "log", "name": "t", "value": "result" } }
        }
        """;

    private static string AppDirectory(TargetRuntime runtime) => Path.GetDirectoryName(Installation.Target(runtime))!;

    [TestCase(TargetRuntime.Net10)]
    [TestCase(TargetRuntime.Net8)]
    public void GoodSpecsAreAllFineAndInstallInARunningTarget(TargetRuntime runtime)
    {
        using var specs = new TempSpecs(GoodSpecs);
        var check = ToolRun.Of("check", specs.Path, "--app", AppDirectory(runtime));
        Assert.That(check.ExitCode, Is.EqualTo(0), check.ToString());
        Assert.That(check.Output.Trim(), Is.EqualTo("12 specs checked: all fine"));

        using var app = TargetApp.Start(runtime, StartMode.Attached);
        var apply = ToolRun.Of("apply", app.Pid.ToString(CultureInfo.InvariantCulture), specs.Path);
        var outcomes = apply.Output.Trim().Split('\n');
        Assert.That(outcomes, Has.Length.EqualTo(12), apply.ToString());
        Assert.That(outcomes, Has.All.EndsWith("\tinstalled"), apply.ToString());
    }

    [Test]
    public void OneAssemblyCanBeGivenInsteadOfADirectory()
    {
        using var specs = new TempSpecs("""{ "submit": { "target": "Sample.Checkout.Submit", "instrument": { "type": "log", "name": "t", "value": "order" } } }""");
        var check = ToolRun.Of("check", specs.Path, "--app", Path.Combine(AppDirectory(TargetRuntime.Net10), "Sample.dll"));
        Assert.That(check.ExitCode, Is.EqualTo(0), check.ToString());
        Assert.That(check.Output.Trim(), Is.EqualTo("1 spec checked: all fine"));
    }

    [Test]
    public void LineAndExceptionsTargetsAreCheckedAgainstThePdbs()
    {
        var source = File.ReadAllLines(Path.Combine(Installation.Root, "tests", "targets", "Sample", "Shipping.cs"));
        var loop = Array.FindIndex(source, l => l.Contains("weight += parcel.Kg;", StringComparison.Ordinal)) + 1;
        using var specs = new TempSpecs($$"""
            {
              "file-line": { "target": "Shipping.cs:{{loop}}", "instrument": { "type": "log", "name": "a", "value": "$\"{parcel.Kg} {weight} {line}\"" } },
              "method-line": { "target": "Sample.Shipping.Ship:{{loop}}", "instrument": { "type": "snapshot", "name": "b", "value": "snapshot" } },
              "exceptions": { "target": "exceptions:Sample.*", "instrument": { "type": "snapshot", "name": "c", "value": "snapshot" } },
              "blank": { "target": "Shipping.cs:{{loop + 2}}", "instrument": { "type": "log", "name": "d", "value": "1" } },
              "no-file": { "target": "Gone.cs:3", "instrument": { "type": "log", "name": "e", "value": "1" } },
              "result-at-line": { "target": "Shipping.cs:{{loop}}", "instrument": { "type": "log", "name": "f", "value": "result" } },
              "exceptions-log": { "target": "exceptions", "instrument": { "type": "log", "name": "g", "value": "1" } }
            }
            """);

        var check = ToolRun.Of("check", specs.Path, "--app", AppDirectory(TargetRuntime.Net10));

        Assert.That(check.ExitCode, Is.EqualTo(1), check.ToString());
        Assert.That(check.Output.Trim().Split('\n'), Is.EqualTo(new[]
        {
            $"blank: line {loop + 2} of Shipping.cs has no code; nearest: {loop}, {loop + 3}",
            "no-file: no assembly of the app has a source file 'Gone.cs' in its symbols (portable PDB): the probe would stay pending",
            "result-at-line: value \"result\": 'result' is not available on the line event",
            "exceptions-log: an exceptions probe takes snapshot instruments (--type snapshot): the snapshot of a throw is what it writes",
            "7 specs checked: 4 problems",
        }));
    }

    [Test]
    public void EachProblemIsListedWithItsSpecIdAndExitCodeOne()
    {
        using var specs = new TempSpecs(BadSpecs);
        var check = ToolRun.Of("check", specs.Path, "--app", AppDirectory(TargetRuntime.Net10));
        Assert.That(check.ExitCode, Is.EqualTo(1), check.ToString());
        const string Names = "args, this, self, start, now, method, caller, stack, thread, snapshot, result, end, elapsed, exception, hotspots, len, mag";
        Assert.That(check.Output.Trim().Split('\n'), Is.EqualTo(new[]
        {
            "misspelt: 'Sample.Checkout' does not have a method 'Sumbit'; did you mean Sample.Checkout.Submit?",
            "no-type: type 'Sample.Chekout' was not found in the app's assemblies (the agent would refuse the spec); did you mean Sample.Checkout?",
            "result-on-call: value \"result\": 'result' is not available on the call event",
            $"unknown-name: value \"ordr.Total\": unknown name 'ordr'; names here: order, {Names}",
            $"local-on-return: value \"text\": unknown name 'text'; names here: name, times, {Names}; locals are read on the end event only (--event end)",
            "static-this: value \"this\": 'this' is not available: Sample.Calculator.Classify is static",
            "abstract: cannot probe 'Sample.Shape.Area': it is abstract (it has no body; probe an implementation)",
            "overload: 'Calculator' does not have a method 'Greet(int)'; it has Greet(string, int)",
            "bad-event: 'instrument.event' must be one of call, return, end, got \"exit\"",
            "tail-call: return and end probes are not available: the method makes tail calls (tail. prefix), which would become ordinary calls and could overflow the stack; call probes work",
            "10 specs checked: 10 problems",
        }));
    }

    [Test]
    public void ADirectoryOfSpecFilesIsCheckedFileByFile()
    {
        using var specs = new TempSpecs("""{ "good": { "target": "Sample.Checkout.Submit", "instrument": { "type": "log", "name": "t", "value": "order" } } }""");
        File.WriteAllText(Path.Combine(specs.Directory, "more.json"), """{ "bad": { "target": "Sample.Checkout.Submit", "instrument": { "type": "log", "name": "t", "value": "limit", "event": "call" } } }""");
        var check = ToolRun.Of("check", specs.Directory, "--app", AppDirectory(TargetRuntime.Net10));
        Assert.That(check.ExitCode, Is.EqualTo(1), check.ToString());
        Assert.That(check.Output, Does.StartWith("bad: value \"limit\": unknown name 'limit'; names here: order, args"));
        Assert.That(check.Output, Does.EndWith("2 specs checked: 1 problem\n"));

        var withGlobal = ToolRun.Of("check", specs.Directory, "--app", AppDirectory(TargetRuntime.Net10), "--global", "limit");
        Assert.That(withGlobal.ExitCode, Is.EqualTo(0), "a global the process registers is a name: " + withGlobal);
    }

    [Test]
    public void UsageErrorsExitWithTwo()
    {
        using var specs = new TempSpecs(GoodSpecs);
        var noApp = ToolRun.Of("check", specs.Path);
        Assert.That(noApp.ExitCode, Is.EqualTo(2), noApp.ToString());
        Assert.That(noApp.Error, Does.Contain("Option '--app' is required."));

        var missingApp = ToolRun.Of("check", specs.Path, "--app", "/no/such/app");
        Assert.That(missingApp.ExitCode, Is.EqualTo(2), missingApp.ToString());
        Assert.That(missingApp.Error.Trim(), Is.EqualTo("diagnose: --app: /no/such/app is neither a directory nor an assembly; give the app's build or publish directory, or its .dll"));

        var missingSpecs = ToolRun.Of("check", "/no/such/specs.json", "--app", AppDirectory(TargetRuntime.Net10));
        Assert.That(missingSpecs.ExitCode, Is.EqualTo(2), missingSpecs.ToString());
        Assert.That(missingSpecs.Error, Does.Contain("/no/such/specs.json is neither a file nor a directory"));
    }

    /// <summary>A spec file written in a fresh directory, removed with it.</summary>
    private sealed class TempSpecs : IDisposable
    {
        public TempSpecs(string json)
        {
            Directory = System.IO.Directory.CreateTempSubdirectory("diagnose-check-").FullName;
            Path = System.IO.Path.Combine(Directory, "specs.json");
            File.WriteAllText(Path, json);
        }

        public string Directory { get; }

        public string Path { get; }

        public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
    }
}
