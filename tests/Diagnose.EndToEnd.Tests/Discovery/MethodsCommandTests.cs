using System.Globalization;
using System.Text.Json;
using Diagnose.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace Diagnose.EndToEnd.Tests.Discovery;

/// <summary>
/// <c>diagnose methods</c> on a running Sample target (.NET 10 framework-dependent and .NET 8 self-contained), with
/// Diagnose attached and without it: what it lists is read from the target's files on disk.
/// </summary>
[TestFixture(TargetRuntime.Net10, false)]
[TestFixture(TargetRuntime.Net10, true)]
[TestFixture(TargetRuntime.Net8, false)]
[TestFixture(TargetRuntime.Net8, true)]
public sealed class MethodsCommandTests
{
    private readonly TargetRuntime _runtime;
    private readonly bool _attached;
    private TargetApp _app = null!;

    public MethodsCommandTests(TargetRuntime runtime, bool attached)
    {
        _runtime = runtime;
        _attached = attached;
    }

    private string Pid => _app.Pid.ToString(CultureInfo.InvariantCulture);

    [OneTimeSetUp]
    public void StartTarget()
    {
        _app = TargetApp.Start(_runtime, StartMode.Attached, attachNow: _attached);
        if (_attached)
        {
            Assert.That(_app.Attach!.ExitCode, Is.EqualTo(0), _app.Attach.ToString());
        }
    }

    [OneTimeTearDown]
    public void StopTarget() => _app.Dispose();

    [Test]
    public void AMethodIsListedAsAProbeTargetWithItsSignatureSourceLineAndProbeability()
    {
        var run = Methods("Sample.Checkout.Submit");
        Assert.That(Row(run, "Sample.Checkout.Submit"), Is.EqualTo(["Sample.Checkout.Submit", "decimal Submit(Order order)", "Orders.cs:35", "yes"]));
    }

    [Test]
    public void ASubstringAGlobAndAFileNameEachSelectTheirMethods()
    {
        var substring = Targets(Methods("Sample.Checkout"));
        Assert.That(substring, Is.SupersetOf(new[] { "Sample.Checkout.Submit", "Sample.Checkout.Price", "Sample.Checkout.get_Count" }));
        Assert.That(substring.All(t => t.StartsWith("Sample.Checkout.", StringComparison.Ordinal)), substring.Aggregate("", (a, b) => a + " " + b));

        var glob = Targets(Methods("*checkout.P*"));
        Assert.That(glob, Is.EqualTo(new[] { "Sample.Checkout.Price" }), "a glob matches the whole name, case ignored");

        var file = Targets(Methods("Orders.cs"));
        Assert.That(file, Is.SupersetOf(new[] { "Sample.Order..ctor", "Sample.Checkout.Submit", "Sample.Money.Add" }));
        Assert.That(file, Has.None.StartsWith("Sample.Calculator."));
    }

    [Test]
    public void LambdasLocalFunctionsAndStateMachinesAreShownWithTheirSourceForm()
    {
        var closures = Methods("Sample.Closures");
        Assert.That(Row(closures, "Sample.Closures+<>c.<SumOfSquares>b__0_0"), Is.EqualTo(["Sample.Closures+<>c.<SumOfSquares>b__0_0", "int lambda(int x)", "MoreShapes.cs:133", "yes", "lambda in Sample.Closures.SumOfSquares (MoreShapes.cs:133)"]));
        Assert.That(Row(closures, "Sample.Closures.<SumOfSquares>g__Square|0_1")[4], Is.EqualTo("local function Square in Sample.Closures.SumOfSquares (MoreShapes.cs:135)"));
        Assert.That(Row(closures, "Sample.Closures+<>c__DisplayClass1_0.<Adder>b__0")[4], Is.EqualTo("lambda in Sample.Closures.Adder (MoreShapes.cs:138)"));

        var fetch = Methods("Sample.Fetch.GetAsync");
        Assert.That(Row(fetch, "Sample.Fetch+<GetAsync>d__0.MoveNext")[4], Is.EqualTo("body of the async method Sample.Fetch.GetAsync (Context.cs:65)"), "the search for the method finds its state machine too");
        Assert.That(Row(Methods("Iterators.Countdown"), "Sample.Iterators+<Countdown>d__0.MoveNext")[4], Is.EqualTo("body of the iterator Sample.Iterators.Countdown (MoreShapes.cs:10)"));
        Assert.That(Row(Methods("Iterators.CountdownAsync"), "Sample.Iterators+<CountdownAsync>d__1.MoveNext")[4], Is.EqualTo("body of the async iterator Sample.Iterators.CountdownAsync (MoreShapes.cs:18)"));
    }

    [Test]
    public void CompilerGeneratedHelpersWithoutSourceLinesAreLeftOutUnlessAll()
    {
        var run = Methods("Sample.Iterators");
        Assert.That(run.Output, Does.Contain("compiler-generated helpers without source lines left out: --all lists them"));
        Assert.That(Targets(run), Has.None.Contain("get_Current"));
        Assert.That(Targets(Methods("Sample.Iterators", "--all")), Has.Some.Contains("get_Current"));
    }

    [Test]
    public void LinesListsTheLinesThatHaveCode()
    {
        var run = Methods("Sample.Calculator.Classify", "--lines");
        Assert.That(Row(run, "Sample.Calculator.Classify"), Is.EqualTo(["Sample.Calculator.Classify", "string Classify(int n)", "Calculator.cs:38", "yes", "38, 40, 43, 45, 48"]));
        using var json = JsonDocument.Parse(Methods("Sample.Calculator.Greet", "--lines", "--json").Output);
        var greet = json.RootElement.EnumerateArray().Single();
        Assert.That(greet.GetProperty("lines").EnumerateArray().Select(l => l.GetInt32()), Is.EqualTo(new[] { 10, 11, 13, 16 }));
    }

    [Test]
    public void MethodsThatCannotBeProbedSayWhyInTheAgentsWords()
    {
        Assert.That(Row(Methods("Sample.Shape.Area"), "Sample.Shape.Area"), Is.EqualTo(["Sample.Shape.Area", "double Area()", "-", "no", "cannot probe: it is abstract (it has no body; probe an implementation)"]));
        Assert.That(Row(Methods("Sample.Native.getpid"), "Sample.Native.getpid")[3..], Is.EqualTo(["no", "cannot probe: it is extern (P/Invoke)"]));
    }

    [Test]
    public void JsonIsOneArrayOfMethods()
    {
        var run = Methods("Sample.Checkout", "--json");
        using var json = JsonDocument.Parse(run.Output);
        Assert.That(json.RootElement.ValueKind, Is.EqualTo(JsonValueKind.Array));
        var submit = json.RootElement.EnumerateArray().Single(m => m.GetProperty("target").GetString() == "Sample.Checkout.Submit");
        Assert.That(submit.GetProperty("signature").GetString(), Is.EqualTo("decimal Submit(Order order)"));
        Assert.That(submit.GetProperty("file").GetString(), Does.EndWith("/Orders.cs"));
        Assert.That(submit.GetProperty("line").GetInt32(), Is.EqualTo(35));
        Assert.That(submit.GetProperty("probeable").GetBoolean(), Is.True);
        Assert.That(submit.GetProperty("assembly").GetString(), Is.EqualTo("Sample"));
    }

    [Test]
    public void FrameworkAndDiagnoseAssembliesAreLeftOutUnlessNamed()
    {
        var everything = Targets(Methods());
        Assert.That(everything, Has.Member("Sample.Checkout.Submit"));
        Assert.That(everything.Where(t => !t.StartsWith("Sample.", StringComparison.Ordinal) && !t.StartsWith("IlShapes", StringComparison.Ordinal)), Is.Empty, "only the app's own assemblies");

        var join = Targets(Methods("System.String.Join"));
        Assert.That(join, Has.Member("System.String.Join(string, string[])"));
        if (_attached)
        {
            var own = Methods("Diagnose.Probes", "--all");
            Assert.That(own.Output, Does.Contain("cannot probe: it belongs to Diagnose itself"));
        }
    }

    [Test]
    public void APatternThatMatchesNothingSuggestsTheClosestNames()
    {
        var run = ToolRun.Of("methods", Pid, "Sample.Chekout");
        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(run.Error.Trim(), Is.EqualTo($"diagnose: no method matches 'Sample.Chekout' in process {Pid} (framework assemblies left out: --all includes them); did you mean Sample.Checkout?"));
        var file = ToolRun.Of("methods", Pid, "Calculater.cs");
        Assert.That(file.ExitCode, Is.EqualTo(1), file.ToString());
        Assert.That(file.Error, Does.Contain("did you mean Calculator.cs?"));
    }

    private ToolRun Methods(params string[] arguments)
    {
        var run = ToolRun.Of(["methods", Pid, .. arguments]);
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        return run;
    }

    /// <summary>The cells of the table row whose target is <paramref name="target"/> (columns are two or more spaces apart).</summary>
    private static string[] Row(ToolRun run, string target)
    {
        var line = run.Output.Split('\n').FirstOrDefault(l => l.StartsWith(target + "  ", StringComparison.Ordinal) || l == target);
        Assert.That(line, Is.Not.Null, $"no row for {target} in:\n{run.Output}");
        return System.Text.RegularExpressions.Regex.Split(line!.TrimEnd(), " {2,}");
    }

    private static List<string> Targets(ToolRun run) =>
        run.Output.Split('\n').Skip(1).Where(l => l.Length > 0 && !l.StartsWith('(')).Select(l => l.Split("  ")[0]).ToList();
}
