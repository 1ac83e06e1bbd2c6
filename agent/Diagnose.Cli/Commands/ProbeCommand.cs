using System.CommandLine;
using Diagnose.Cli.Channel;
using Diagnose.Cli.Rendering;
using Diagnose.Cli.Specs;
using Diagnose.Protocol.Channel;
using Diagnose.Protocol.Specs;

namespace Diagnose.Cli.Commands;

/// <summary><c>diagnose probe add|ls|rm</c>: one probe at a time, through the agent's channel.</summary>
internal static class ProbeCommand
{
    public static Command Create()
    {
        return new Command("probe", "Add, list and remove probes in a running process where Diagnose is loaded.\n\nExample:\n  diagnose probe add 4242 MyApp.Billing.Invoice.Total --value result")
        {
            Add(),
            List(),
            Remove(),
        };
    }

    private static Command Add()
    {
        var pid = Options.Pid();
        var target = new Argument<string?>("target") { Description = "The method: Ns.Type.Method, Ns.Type.Method(int, string), Ns.Outer+Inner.Method, [Assembly]Ns.Type.Method; or a source line: File.cs:LINE, Ns.Type.Method:LINE (the instruments then fire before that line runs, with its locals)", Arity = ArgumentArity.ZeroOrOne };
        var exceptions = new Option<string?>("--exceptions") { Description = "Instead of a target: snapshot the throwing frame of exceptions of this type (or pattern, e.g. Shop.*; all when not given) thrown in the app's code", Arity = ArgumentArity.ZeroOrOne };
        var type = new Option<string>("--type") { Description = "The instrument: log, hist, incr, gauge, snapshot (arguments, this, locals, result and stack as JSON), test, or a type the process registered", DefaultValueFactory = _ => "log" };
        var name = new Option<string?>("--name") { Description = "The instrument's name (log prefix, metric name); the target when not given" };
        var value = new Option<string?>("--value") { Description = "The expression recorded; default: result (args on call) for log, 1 for incr, elapsed for hist, snapshot (the whole frame) for snapshot" };
        var @event = new Option<string>("--event") { Description = "When: call (before the body), return (after it), end (inside it, with locals)", DefaultValueFactory = _ => "return" };
        @event.AcceptOnlyFromAmong("call", "return", "end");
        var tags = new Option<string?>("--tags") { Description = "An expression giving tags, e.g. \"new { region = order.Region }\"" };
        var when = new Option<string?>("--when") { Description = "A boolean expression; the instrument fires only when it is true" };
        var lifespan = new Option<double?>("--lifespan") { Description = "Minutes until the probe removes itself (and the method is restored)" };
        var rate = new Option<double?>("--rate") { Description = "At most this many fires a second (default: 100 for log, no limit for incr/hist/gauge); 0: no limit" };
        var maxHits = new Option<long?>("--max-hits") { Description = "Fire this many times, then remove the probe (its method is restored)" };
        var elapsed = new Option<bool>("--elapsed") { Description = "Keep the calls' elapsed times for diagnose top (p50, p95, p99, max; return and end probes): two clock reads a call" };
        var id = new Option<string?>("--id") { Description = "The spec id (adding an id again replaces that probe); a new unique one when not given" };
        var timeout = Options.Timeout();
        var command = new Command("add", "Add a probe (or replace the one with the same --id) and print whether it is installed, pending or failed.\n\nExamples:\n  diagnose probe add 4242 MyApp.Billing.Invoice.Total --value result\n  diagnose probe add 4242 MyApp.Cache.Get --type incr --name cache.miss --when \"result == null\" --lifespan 10\n  diagnose probe add 4242 MyApp.Orders.Submit --value order.Total --max-hits 5\n  diagnose probe add 4242 Checkout.cs:44 --type snapshot\n  diagnose probe add 4242 --exceptions MyApp.*")
        {
            pid, target, exceptions, type, name, value, @event, tags, when, lifespan, rate, maxHits, elapsed, id, timeout,
        };
        command.Validators.Add(result =>
        {
            var watchExceptions = result.GetResult(exceptions) is not null;
            var written = result.GetValue(target);
            if (watchExceptions == (written is not null))
            {
                result.AddError(watchExceptions
                    ? $"give either a target or --exceptions, not both (got '{written}')"
                    : "a target is needed: Ns.Type.Method, File.cs:LINE or Ns.Type.Method:LINE, or --exceptions [PATTERN] for exception snapshots");
            }
        });
        command.SetAction(result =>
        {
            var watchExceptions = result.GetResult(exceptions) is not null;
            var written = result.GetValue(target);

            var typeGiven = result.GetResult(type) is { Implicit: false };
            var probe = new NewProbeSpec(
                watchExceptions ? $"exceptions:{result.GetValue(exceptions) ?? "*"}" : written!,
                watchExceptions && !typeGiven ? "snapshot" : result.GetValue(type)!,
                result.GetValue(name),
                result.GetValue(value),
                result.GetValue(@event)!,
                result.GetValue(tags),
                result.GetValue(when),
                result.GetValue(lifespan),
                result.GetValue(id),
                result.GetValue(rate),
                result.GetValue(maxHits),
                result.GetValue(elapsed));
            var spec = probe.Build(DateTimeOffset.UtcNow, NewProbeSpec.RandomSuffix);
            Timing.Mark("spec made");
            var answer = AgentConnection.To(result.GetValue(pid)).Send(ChannelCommand.Set(new SpecSet([spec])), Options.TimeoutOf(result, timeout));
            return ResultPrinter.Print(answer.Specs, Console.Out);
        });
        return command;
    }

    private static Command List()
    {
        var pid = Options.Pid();
        var json = new Option<bool>("--json") { Description = "Print the agent's answer as JSON (specs with their applied entries, probes)" };
        var timeout = Options.Timeout();
        var command = new Command("ls", "List the specs in a process (sent with diagnose, or from its specs path) with their status and applied entry, and its running probes.\n\nExample:\n  diagnose probe ls 4242")
        {
            pid, json, timeout,
        };
        command.SetAction(result =>
        {
            var answer = AgentConnection.To(result.GetValue(pid)).Send(ChannelCommand.List(), Options.TimeoutOf(result, timeout));
            if (result.GetValue(json))
            {
                Console.Out.WriteLine(JsonText.Indent(answer.ToJson()));
            }
            else
            {
                ListPrinter.Print(answer, result.GetValue(pid), Console.Out);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Remove()
    {
        var pid = Options.Pid();
        var ids = new Argument<string[]>("id") { Description = "The ids of the probes (specs) to remove", Arity = ArgumentArity.OneOrMore };
        var timeout = Options.Timeout();
        var command = new Command("rm", "Remove probes sent with diagnose; their methods get their original code back.\n\nExample:\n  diagnose probe rm 4242 total-3fa2c1")
        {
            pid, ids, timeout,
        };
        command.SetAction(result =>
        {
            var answer = AgentConnection.To(result.GetValue(pid)).Send(ChannelCommand.Remove(result.GetValue(ids)!), Options.TimeoutOf(result, timeout));
            return ResultPrinter.Print(answer.Specs, Console.Out);
        });
        return command;
    }
}
