using System.CommandLine;
using Diagnose.Cli.Channel;
using Diagnose.Cli.Otlp;
using Diagnose.Cli.Watching;
using Diagnose.Protocol.Channel;

namespace Diagnose.Cli.Commands;

/// <summary><c>diagnose watch pid</c>: streams the instruments' output of a process until Ctrl-C.</summary>
internal static class WatchCommand
{
    public static Command Create()
    {
        var pid = Options.Pid();
        var outFile = new Option<string?>("--out") { Description = "Write to this file (rolled daily and at 100 MB) instead of the console" };
        var json = new Option<bool>("--json") { Description = "One JSON object per line instead of text" };
        var statsd = new Option<string?>("--statsd") { Description = "Also send metric values (incr, hist, gauge) to this statsd / DogStatsD address, host:port" };
        var otlp = OtlpOption.Create();
        var command = new Command("watch", "Stream what the probes of a process record (log lines, metric values, spec changes and errors) until Ctrl-C. Exits 3 when the process ends.\n\nExamples:\n  diagnose watch 4242\n  diagnose watch 4242 --json --out probes.log --statsd 127.0.0.1:8125\n  diagnose watch 4242 --otlp http://localhost:4318")
        {
            pid, outFile, json, statsd, otlp,
        };
        command.SetAction(result => Watch(result.GetValue(pid), result.GetValue(outFile), result.GetValue(json), result.GetValue(statsd), OtlpOption.SettingsOf(result, otlp)));
        return command;
    }

    private static int Watch(int pid, string? outFile, bool json, string? statsdAddress, OtlpSettings? otlpSettings)
    {
        AgentConnection.To(pid); // the process exists and Diagnose is loaded in it
        using var statsd = statsdAddress is null ? null : StatsdForwarder.To(statsdAddress, Console.Error);
        using var otlp = otlpSettings is null ? null : OtlpExport.Start(otlpSettings, Console.Error); // disposed last: flushes
        otlp?.Follow(pid, name: null);
        using var renderer = WatchRenderer.Create(pid, outFile is null ? null : Path.GetFullPath(outFile), json);
        var gate = new object();
        void OnEvent(ChannelEvent channelEvent)
        {
            lock (gate)
            {
                renderer.Render(channelEvent);
                if (channelEvent is ProbeMetricValue metric)
                {
                    statsd?.Forward(metric);
                }

                otlp?.Post(pid, channelEvent);
            }
        }

        ListenEnd end;
        using (var listener = OutputListener.Start(pid, OnEvent))
        {
            Console.Error.WriteLine($"watching process {pid}{(outFile is null ? string.Empty : $" into {outFile}")}{(otlp is null ? string.Empty : $", exporting to {otlp.Collector}")}; Ctrl-C to stop");
            end = listener.Wait();
        }

        if (end == ListenEnd.ProcessEnded)
        {
            Console.Error.WriteLine($"diagnose: process {pid} has ended");
            return ExitCodes.Unreachable;
        }

        return ExitCodes.Success;
    }
}
