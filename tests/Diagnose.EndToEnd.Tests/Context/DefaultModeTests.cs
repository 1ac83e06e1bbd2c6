using System.Globalization;
using Diagnose.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace Diagnose.EndToEnd.Tests.Context;

/// <summary>
/// What the default mode answers through <c>diagnose probe add</c> on an attached Release process: refusals and
/// errors that name what the user wrote and what there is, hotspots' source, and <c>result</c> when the method throws.
/// </summary>
[TestFixture(TargetRuntime.Net10)]
public sealed class DefaultModeTests(TargetRuntime runtime)
{
    private const string Add13 = "Sample.Calculator.Add13";

    private TargetApp _app = null!;

    [OneTimeSetUp]
    public void AttachToOneTarget()
    {
        _app = TargetApp.Start(runtime, StartMode.Attached);
        Assert.That(_app.Attach!.ExitCode, Is.EqualTo(0), _app.Attach.ToString());
    }

    [OneTimeTearDown]
    public void EndTheTarget() => _app.Dispose();

    [Test]
    public void ReadingAnEnvironmentVariableIsRefusedWithItsReasonAndTheMethodRunsUnprobed()
    {
        var add = Add(Add13, "env", "--value", "Environment.GetEnvironmentVariable(\"PATH\")");

        Assert.That(add.ExitCode, Is.EqualTo(1), add.ToString());
        Assert.That(add.Output, Is.EqualTo($"env\t{Add13}\terror: calling 'System.Environment.GetEnvironmentVariable' is not allowed (it reads the environment, configuration or file system) at 12 in \"Environment.GetEnvironmentVariable(\"PATH\")\"\n"));
        var call = _app.Send("add13 5");
        Assert.That(call.ProbeLines, Is.Empty);
        Assert.That(call.Result, Is.EqualTo("= 18"));
    }

    [Test]
    public void AssigningAParameterIsRefusedByItsName()
    {
        var add = Add(Add13, "assign", "--value", "arg = 5", "--event", "call");

        Assert.That(add.ExitCode, Is.EqualTo(1), add.ToString());
        Assert.That(add.Output, Is.EqualTo($"assign\t{Add13}\terror: assigning 'arg' is not allowed (side effects) at 0 in \"arg = 5\"\n"));
        Assert.That(_app.Send("add13 1").Result, Is.EqualTo("= 14"));
    }

    [Test]
    public void AnUnknownNameListsTheNamesOfTheEventAStaticMethodWithoutThis()
    {
        var add = Add("Sample.Locals.Compute", "unknown", "--value", "nosuch", "--event", "end");

        Assert.That(add.ExitCode, Is.EqualTo(1), add.ToString());
        Assert.That(add.Output, Is.EqualTo(
            "unknown\tSample.Locals.Compute\terror: unknown name 'nosuch' at 0 in \"nosuch\"; names here: n, doubled, output, i, " +
            "args, start, now, method, caller, stack, thread, snapshot, result, end, elapsed, exception, hotspots, len, mag\n"));
    }

    [Test]
    public void ALocalOnTheReturnEventIsSaidToBeReadOnTheEndEvent()
    {
        var add = Add("Sample.Locals.Compute", "local", "--value", "output");

        Assert.That(add.ExitCode, Is.EqualTo(1), add.ToString());
        Assert.That(add.Output, Does.StartWith("local\tSample.Locals.Compute\terror: unknown name 'output' at 0 in \"output\"; names here: n, args,"));
        Assert.That(add.Output, Does.EndWith("; locals are read on the end event only (--event end)\n"));
    }

    [Test]
    public void ALocalTheReleaseBuildDroppedIsExplained()
    {
        var add = Add("Sample.Dropped.Twice", "dropped", "--value", "doubled", "--event", "end");

        Assert.That(add.ExitCode, Is.EqualTo(1), add.ToString());
        Assert.That(add.Output, Is.EqualTo(
            "dropped\tSample.Dropped.Twice\terror: unknown name 'doubled' at 0 in \"doubled\"; names here: n, args, start, now, method, caller, stack, thread, snapshot, " +
            "result, end, elapsed, exception, hotspots, len, mag; 'doubled' is in the method's source but not among its locals: Sample is an optimised (Release) " +
            "build, whose compiler drops locals it does not need (parameters are always there); compute the value from the parameters, or probe a Debug build\n"));
    }

    [Test]
    public void HotspotsSourceAndFilenameAreAllowed()
    {
        var add = Add("Sample.Slow.Work", "hot", "--name", "hot", "--value", "hotspots.source(hotspots.worst.line.Value).Trim() + \"|\" + hotspots.filename.EndsWith(\"Context.cs\")");
        var result = _app.Send("work 2");

        Assert.That(add.ExitCode, Is.EqualTo(0), add.ToString());
        Assert.That(result.ProbeLines, Is.EqualTo(new[] { "Probe (hot)[tags=[]] = Thread.Sleep(60); // the slow line|True" }));
        Assert.That(result.Result, Is.EqualTo("= 5"));
        Remove("hot");
    }

    [Test]
    public void WhenTheMethodThrowsResultIsTheDefaultOfItsTypeAndExceptionIsSet()
    {
        var divide = Add("Sample.Calculator.Divide", "divide", "--name", "divide", "--value", "$\"{result}|{exception?.GetType().Name}\"");
        var risky = Add("Sample.Locals.Risky", "risky", "--name", "risky", "--value", "$\"{result == null}|{exception?.GetType().Name}\"");

        var byZero = _app.Send("divide 7 0");
        var fine = _app.Send("divide 7 2");
        var unparsable = _app.Send("risky x");

        Assert.That((divide.ExitCode, risky.ExitCode), Is.EqualTo((0, 0)), divide + " / " + risky);
        Assert.That(byZero.ProbeLines, Is.EqualTo(new[] { "Probe (divide)[tags=[]] = 0|DivideByZeroException" }));
        Assert.That(byZero.Result, Does.StartWith("! DivideByZeroException: cannot divide 7 by zero @ at Sample.Calculator.Divide("));
        Assert.That(fine.ProbeLines, Is.EqualTo(new[] { "Probe (divide)[tags=[]] = 3|" }));
        Assert.That(unparsable.ProbeLines, Is.EqualTo(new[] { "Probe (risky)[tags=[]] = True|FormatException" }));
        Assert.That(unparsable.Result, Does.StartWith("! FormatException: The input string 'x' was not in a correct format."));
        Remove("divide");
        Remove("risky");
    }

    private ToolRun Add(string target, string id, params string[] options) =>
        ToolRun.Of(["probe", "add", _app.Pid.ToString(CultureInfo.InvariantCulture), target, "--id", id, .. options]);

    private void Remove(string id)
    {
        var rm = ToolRun.Of("probe", "rm", _app.Pid.ToString(CultureInfo.InvariantCulture), id);
        Assert.That(rm.ExitCode, Is.EqualTo(0), rm.ToString());
    }
}
