using Diagnose;

namespace Sample;

/// <summary>
/// Sample's commands plus the in-process API: "probe TARGET TYPE NAME EVENT VALUE…" starts a probe on this very
/// process, "count TARGET NAME EVENT VALUE…" one with a call-free counter ("counted NAME" reads it, also after the probe stopped),
/// "unprobe TARGET" stops it, "instruments TARGET" lists them, "hold X" / "release" keep a thread inside
/// Sample.Held.Wait, "race MODE" runs a check-then-act race with a breakpoint (see <see cref="Race"/>). The profiler attaches on first use.
/// </summary>
public static class Program
{
    private static readonly Dictionary<string, CallFreeCounter> s_counters = [];

    public static int Main()
    {
        Console.WriteLine($"ready {Environment.ProcessId} .NET {Environment.Version}");
        return CommandLoop.Run(parts => parts[0] switch
        {
            "probe" => Guard(() => Probe(parts[1], parts[2], parts[3], parts[4], string.Join(' ', parts.Skip(5)))),
            "unprobe" => Guard(() => Unprobe(parts[1])),
            "count" => Guard(() => Count(parts[1], parts[2], parts[3], string.Join(' ', parts.Skip(4)))),
            "counted" => Guard(() => Counted(parts[1])),
            "drop" => Guard(() => Drop(parts[1], parts[2])),
            "sensor" => Guard(() => Sense(parts[1], parts[2], parts[3..])),
            "sensor-throws" => Guard(() => SenseThrowing(parts[1])),
            "stress" => Guard(() => Stress.Run(int.Parse(parts[1]), int.Parse(parts[2]))),
            "busy-load" => Guard(BusyLoad.Run),
            "htmlencode" => Guard(() => $"= {BusyLoad.Encode(parts[1])}"),
            "hold" => Guard(() => Held.Hold(int.Parse(parts[1]))),
            "release" => Guard(Held.Release),
            "race" => Guard(() => Race.Run(parts[1])),
            _ => null,
        });
    }

    private static string Probe(string target, string type, string name, string @event, string value)
    {
        var when = Enum.Parse<InstrumentEvent>(@event, ignoreCase: true);
        var probe = Probes.AttachTo(target);
        probe.Instruments[name] = type switch
        {
            "log" => new LogInstrument(name, value, when),
            "test" => new TestInstrument(name, value, when),
            _ => throw new ArgumentException($"unknown type {type}"),
        };
        probe.Start();
        return $"= {probe.State}{(probe.Error is null ? string.Empty : ": " + probe.Error)}";
    }

    /// <summary>Starts a probe with a <see cref="CallFreeCounter"/>.</summary>
    private static string Count(string target, string name, string @event, string value)
    {
        var probe = Probes.AttachTo(target);
        probe.Instruments[name] = s_counters[name] = new CallFreeCounter(name, value, Enum.Parse<InstrumentEvent>(@event, ignoreCase: true));
        probe.Start();
        return $"= {probe.State}{(probe.Error is null ? string.Empty : ": " + probe.Error)}";
    }

    /// <summary>A counter's calls and sum so far.</summary>
    private static string Counted(string name) => s_counters.TryGetValue(name, out var counter) ? $"= {counter.Totals}" : "= none";

    private static string Unprobe(string target)
    {
        var probe = Probes.AttachTo(target);
        probe.Stop();
        return $"= {probe.State}";
    }

    private static string Drop(string target, string name)
    {
        var probe = Probes.AttachTo(target);
        return $"= {probe.Instruments.Remove(name)} {probe.State} {probe.Instruments.Count}";
    }

    /// <summary>Runs a command twice under a Sensor and lists what it recorded, then whether the probe is still active.</summary>
    private static string Sense(string target, string value, string[] command)
    {
        IReadOnlyList<object?> values;
        using (var sensor = new Sensor(target, value))
        {
            Commands.Execute(command);
            Commands.Execute(command);
            values = sensor.Values;
        }

        return $"= [{string.Join(", ", values)}] active={Probes.Active.ContainsKey(target)}";
    }

    private static string SenseThrowing(string target)
    {
        try
        {
            using var sensor = new Sensor(target);
            throw new InvalidOperationException("the block failed");
        }
        catch (InvalidOperationException)
        {
            return $"= active={Probes.Active.ContainsKey(target)}";
        }
    }

    private static string Guard(Func<string> action)
    {
        try
        {
            return action();
        }
        catch (Exception e)
        {
            return $"! {e.GetType().Name}: {e.Message}";
        }
    }
}
