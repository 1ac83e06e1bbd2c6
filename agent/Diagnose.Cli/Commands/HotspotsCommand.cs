using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Diagnose.Cli.Channel;
using Diagnose.Cli.Live;
using Diagnose.Cli.Processes;
using Diagnose.Protocol.Channel;

namespace Diagnose.Cli.Commands;

/// <summary>
/// <c>diagnose hotspots pid target</c>: times each source line of one method for a while, with a temporary probe
/// (added, counted and removed through the channel, its lines read as <c>watch</c> reads them), and prints the
/// method's source with each line's share of the time.
/// </summary>
internal static class HotspotsCommand
{
    /// <summary>The longest collection: an hour (a probe left on longer is a spec's job, with its own lifespan).</summary>
    public const double MaxSeconds = 3600;

    /// <summary>How long the lines the probe wrote before the end may take to arrive.</summary>
    private static readonly TimeSpan s_drain = TimeSpan.FromSeconds(5);

    public static Command Create()
    {
        var pid = Options.Pid();
        var target = new Argument<string>("target") { Description = "The method: Ns.Type.Method, or Ns.Type.Method(int, string) for one overload ('diagnose methods PID PATTERN' lists them)" };
        var seconds = new Option<double>("--seconds") { Description = $"How long to time the calls, 0 < s <= {MaxSeconds:0} (Ctrl-C stops early and prints what was seen)", DefaultValueFactory = _ => 10 };
        var json = new Option<bool>("--json") { Description = "Print one JSON document instead of the annotated source" };
        var timeout = Options.Timeout();
        var command = new Command("hotspots", "Time every source line of one method in a running process for a few seconds: a temporary probe records each call's line timings (from the PDB's sequence points), then is removed, and the method's source is printed with each line's calls, runs, total and longest time and a heat bar. The guardrails apply: calls dropped by the rate limit are counted and the figures are then a sample.\n\nExamples:\n  diagnose hotspots 4242 MyApp.Billing.Invoice.Total\n  diagnose hotspots 4242 'MyApp.Cache.Get(string)' --seconds 30 --json")
        {
            pid, target, seconds, json, timeout,
        };
        seconds.Validators.Add(result =>
        {
            // Only a number the parser reads is checked here; other text is its own error ("Cannot parse …").
            if (result.Tokens is [{ } token] && double.TryParse(token.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && !(value > 0 && value <= MaxSeconds))
            {
                result.AddError($"--seconds must be more than 0 and at most {MaxSeconds:0} (an hour), not {token.Value}");
            }
        });
        command.SetAction(result => Run(result.GetValue(pid), result.GetValue(target)!, TimeSpan.FromSeconds(result.GetValue(seconds)), result.GetValue(json), Options.TimeoutOf(result, timeout)));
        return command;
    }

    private static int Run(int pid, string target, TimeSpan seconds, bool json, TimeSpan timeout)
    {
        var method = MethodSource.Find(pid, target);
        Timing.Mark("method found");
        var connection = AgentConnection.To(pid);
        var probe = HotspotsProbe.For(connection, pid, method.Target, seconds, timeout);
        var totals = new LineTotals();
        void OnEvent(ChannelEvent channelEvent)
        {
            if (channelEvent is ProbeLogLine line && line.Name == probe.Name && CallLines.Parse(line.Value) is { } call)
            {
                totals.Add(call);
            }
        }

        HotspotsReport report;
        ListenEnd end;
        using (var listener = OutputListener.Start(pid, OnEvent))
        {
            try
            {
                probe.Add();
                Console.Error.WriteLine($"timing the lines of {method.Target} in process {pid} for {seconds.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s; Ctrl-C to stop early");
                var clock = Stopwatch.StartNew();
                end = listener.Wait(seconds);
                var listened = clock.Elapsed;
                var instrument = end == ListenEnd.ProcessEnded ? null : probe.Report();
                var missing = instrument?.Stats is { } stats ? Drain(totals, stats.Fired - stats.DroppedFull - stats.Errors) : 0;
                var switched = instrument is { State: not InstrumentReport.On } off ? SpecStatus.Describe(off.State, off.Reason) : null;
                report = new HotspotsReport(pid, method, listened, Stopped(end), totals.Calls, totals.Cut, missing, instrument?.Stats, switched, totals.Lines());
            }
            finally
            {
                if (!probe.TryRemove(out var problem) && TargetProcess.IsRunning(pid))
                {
                    Console.Error.WriteLine($"diagnose: the probe {probe.Id} could not be removed ({problem}); it removes itself within {HotspotsProbe.Grace.TotalSeconds:0} s, or run 'diagnose probe rm {pid} {probe.Id}'");
                }
            }
        }

        if (json)
        {
            HotspotsPrinter.Json(report, Console.Out);
        }
        else
        {
            HotspotsPrinter.Text(report, Console.Out);
        }

        if (end == ListenEnd.ProcessEnded)
        {
            Console.Error.WriteLine($"diagnose: process {pid} has ended");
            return ExitCodes.Unreachable;
        }

        return ExitCodes.Success;
    }

    /// <summary>Waits (a little) until the lines the probe wrote have arrived; returns how many did not.</summary>
    private static long Drain(LineTotals totals, long written)
    {
        var deadline = DateTime.UtcNow + s_drain;
        while (totals.Calls < written && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20);
        }

        return Math.Max(0, written - totals.Calls);
    }

    private static string Stopped(ListenEnd end) => end switch
    {
        ListenEnd.Interrupted => "stopped early",
        ListenEnd.ProcessEnded => "the process ended",
        _ => "time up",
    };
}
