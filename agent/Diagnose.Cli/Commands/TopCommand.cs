using System.CommandLine;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Diagnose.Cli.Channel;
using Diagnose.Cli.Top;
using Diagnose.Protocol.Channel;
using Spectre.Console;

namespace Diagnose.Cli.Commands;

/// <summary>
/// <c>diagnose top pid</c>: the probes of a process as a live table, refreshed every second from the agent's list
/// result (the counters, elapsed percentiles and last lines the agent keeps; nothing is added to the process).
/// </summary>
internal static class TopCommand
{
    public static Command Create()
    {
        var pid = Options.Pid();
        var once = new Option<bool>("--once") { Description = "Print one table (rates over one second) and exit" };
        var sort = new Option<string>("--sort") { Description = $"The first order: {string.Join(", ", TopSort.Keys.Select(k => k.Text))}", DefaultValueFactory = _ => "calls" };
        var interval = new Option<double>("--interval") { Description = "Seconds between refreshes", DefaultValueFactory = _ => 1 };
        var timeout = Options.Timeout();
        var keys = string.Join(", ", TopSort.Keys.Select(k => $"{k.Key} {k.Text}"));
        var command = new Command("top", $"A live table of the probes of a process: per instrument its calls, fires and drops a second, errors, the p50/p95/p99/max of its calls' elapsed time (return and end probes) and a log probe's last line. Keys: {keys} (the same key again reverses), q quits. Without a terminal it prints the table every interval as plain text.\n\nExamples:\n  diagnose top 4242\n  diagnose top 4242 --once --sort p99")
        {
            pid, once, sort, interval, timeout,
        };
        command.SetAction(result =>
        {
            var order = TopSort.Parse(result.GetValue(sort)!)
                ?? throw new CliException(ExitCodes.UsageError, $"--sort {result.GetValue(sort)}: give one of {string.Join(", ", TopSort.Keys.Select(k => k.Text))}");
            var every = result.GetValue(interval) is > 0 and < 3600 and var seconds
                ? TimeSpan.FromSeconds(seconds)
                : throw new CliException(ExitCodes.UsageError, $"--interval {result.GetValue(interval)}: give a positive number of seconds under an hour, e.g. 1");
            var sampler = new Sampler(AgentConnection.To(result.GetValue(pid)), Options.TimeoutOf(result, timeout));
            var terminal = !Console.IsOutputRedirected && !Console.IsInputRedirected;
            if (result.GetValue(once))
            {
                sampler.Next();
                Thread.Sleep(TimeSpan.FromSeconds(1)); // the rates of one second
                var rows = order.Apply(sampler.Next());
                if (terminal)
                {
                    AnsiConsole.Write(TopTable.Screen(result.GetValue(pid), rows, order, Console.WindowWidth));
                }
                else
                {
                    TopTable.WriteText(result.GetValue(pid), rows, order, Console.Out);
                }

                return ExitCodes.Success;
            }

            return terminal ? Live(result.GetValue(pid), sampler, order, every) : Plain(result.GetValue(pid), sampler, order, every);
        });
        return command;
    }

    /// <summary>Full screen (the terminal's alternate screen, restored on exit) until q or Ctrl-C.</summary>
    private static int Live(int pid, Sampler sampler, TopSort order, TimeSpan every)
    {
        using var stop = new ManualResetEventSlim();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
        {
            context.Cancel = true;
            stop.Set();
        });
        var rows = sampler.Next();
        AnsiConsole.AlternateScreen(() =>
        {
            AnsiConsole.Cursor.Hide();
            AnsiConsole.Live(TopTable.Screen(pid, order.Apply(rows), order, Console.WindowWidth)).Start(context =>
            {
                var next = Stopwatch.StartNew();
                while (!stop.IsSet)
                {
                    var changed = false;
                    while (Console.KeyAvailable)
                    {
                        var key = Console.ReadKey(intercept: true).KeyChar;
                        if (key is 'q' or 'Q')
                        {
                            return;
                        }

                        var pressed = order.Press(key);
                        changed |= pressed != order;
                        order = pressed;
                    }

                    if (next.Elapsed >= every)
                    {
                        rows = sampler.Next();
                        next.Restart();
                        changed = true;
                    }

                    if (changed)
                    {
                        context.UpdateTarget(TopTable.Screen(pid, order.Apply(rows), order, Console.WindowWidth));
                    }

                    stop.Wait(TimeSpan.FromMilliseconds(50));
                }
            });
            AnsiConsole.Cursor.Show();
        });
        return ExitCodes.Success;
    }

    /// <summary>Stdout is not a terminal: the table as plain text every interval, until Ctrl-C or SIGTERM.</summary>
    private static int Plain(int pid, Sampler sampler, TopSort order, TimeSpan every)
    {
        using var stop = new ManualResetEventSlim();
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Set();
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        sampler.Next();
        while (!stop.Wait(every))
        {
            TopTable.WriteText(pid, order.Apply(sampler.Next()), order, Console.Out);
            Console.Out.Flush();
        }

        return ExitCodes.Success;
    }

    /// <summary>List results one after another, each turned into rows with rates against the one before.</summary>
    private sealed class Sampler(AgentConnection connection, TimeSpan timeout)
    {
        private ChannelResult? _previous;
        private readonly Stopwatch _since = new();

        public IReadOnlyList<TopRow> Next()
        {
            var current = connection.Send(ChannelCommand.List(), timeout);
            var rows = TopRow.Of(current, _previous, _since.Elapsed.TotalSeconds);
            _previous = current;
            _since.Restart();
            return rows;
        }
    }
}
