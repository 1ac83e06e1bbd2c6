using Diagnose.Cli;
using Diagnose.Cli.Rendering;
using Diagnose.Protocol.Channel;
using Diagnose.Protocol.Specs;
using NUnit.Framework;

namespace Diagnose.Tests.Cli;

/// <summary>What <c>probe ls</c>, <c>probe add</c>, <c>apply</c> print, and the exit codes they return.</summary>
public sealed class ListPrinterTests
{
    private const string Process = "web-1:7";

    [Test]
    public void ListShowsEachSpecWithItsAppliedEntryAndTheProbes()
    {
        var spec = SpecSet.Parse("""{"add": {"target": "Sample.Calculator.Add13", "instrument": {"type": "log", "name": "add", "value": "result", "custom": {"condition": "arg > 1"}}, "lifespan": 5, "lastmodified": "2026-11-22T10:00:00Z"}}""")["add"];
        spec.SetApplied(Process, new AppliedEntry("2026-11-22T10:00:00Z", null));
        var result = Result([SpecReport.For(spec, "channel", Process, new DateTimeOffset(2026, 11, 22, 10, 1, 0, TimeSpan.Zero))], [new ProbeReport("Sample.Calculator.Add13", "installed", null, ["add"])]);
        var output = new StringWriter();

        ListPrinter.Print(result, 7, output);

        Assert.That(output.ToString().Split(Environment.NewLine), Is.EqualTo(new[]
        {
            "ID   SOURCE   TARGET                   INSTRUMENT                                         STATUS     APPLIED[web-1:7]",
            "add  channel  Sample.Calculator.Add13  log add = result on return when arg > 1 for 5 min  installed  {\"lm\":\"2026-11-22T10:00:00Z\",\"err\":null}",
            string.Empty,
            "PROBE                    STATE      INSTRUMENTS",
            "Sample.Calculator.Add13  installed  add",
            string.Empty,
        }));
    }

    [Test]
    public void EachInstrumentOfAProbeHasItsCountersAndWhyItWasSwitchedOff()
    {
        var details = new[]
        {
            new InstrumentReport("add", "add", InstrumentReport.On, null, new ProbeStats(1200, 100, 1100, 0, 0)),
            new InstrumentReport("slow", "slow", SpecStatus.Disabled, "its instruments took 52 ms of CPU time on one call; budget 10 ms", new ProbeStats(3, 1, 0, 0, 0)),
        };
        var result = Result([], [new ProbeReport("Sample.Calculator.Add13", "installed", null, ["add", "slow"], details)]);
        var output = new StringWriter();

        ListPrinter.Print(result, 7, output);

        Assert.That(output.ToString().Split(Environment.NewLine), Is.EqualTo(new[]
        {
            "no specs in process 7",
            string.Empty,
            "PROBE                    STATE      CALLS  FIRED  DROPPED(RATE)  DROPPED(FULL)  ERRORS  INSTRUMENT",
            "Sample.Calculator.Add13  installed  1200   100    1100           0              0       add",
            "Sample.Calculator.Add13  installed  3      1      0              0              0       slow (disabled: its instruments took 52 ms of CPU time on one call; budget 10 ms)",
            string.Empty,
        }));
    }

    [Test]
    public void AnEmptyProcessSaysSo()
    {
        var output = new StringWriter();

        ListPrinter.Print(Result([], []), 7, output);

        Assert.That(output.ToString(), Is.EqualTo($"no specs in process 7{Environment.NewLine}{Environment.NewLine}no probes: every method runs its original code{Environment.NewLine}"));
    }

    [Test]
    public void AnyFailedSpecMakesExitCodeOne()
    {
        var output = new StringWriter();
        SpecReport Report(string id, string status, string? reason) => new(id, "channel", "A.B.M", status, reason, null);

        Assert.That(ResultPrinter.Print([Report("a", "installed", null), Report("b", "pending", "type 'A.B' was not found")], output), Is.EqualTo(ExitCodes.Success));
        Assert.That(ResultPrinter.Print([Report("a", "installed", null), Report("c", "error", "boom")], output), Is.EqualTo(ExitCodes.SpecError));
        Assert.That(output.ToString(), Does.Contain("b\tA.B.M\tpending: type 'A.B' was not found").And.Contain("c\tA.B.M\terror: boom"));
    }

    private static ChannelResult Result(IReadOnlyList<SpecReport> specs, IReadOnlyList<ProbeReport> probes) =>
        new("list", true, null, new AgentInfo(1, "1", "10.0", 7, Process, null), specs, probes);
}
