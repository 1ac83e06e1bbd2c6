using System.Text;
using System.Text.Json;
using Diagnose.Protocol.Channel;
using Diagnose.Protocol.Specs;

namespace Diagnose.Cli.Rendering;

/// <summary>
/// Prints a <c>list</c> result: every spec with its source, status and <c>applied</c> entry in this process, then the
/// running probes with each instrument's counters (a method with none runs its original code).
/// </summary>
internal static class ListPrinter
{
    public static void Print(ChannelResult result, int pid, TextWriter output)
    {
        var process = result.Agent?.Process ?? string.Empty;
        if (result.Specs.Count == 0)
        {
            output.WriteLine($"no specs in process {pid}");
        }
        else
        {
            var specs = new TextTable("ID", "SOURCE", "TARGET", "INSTRUMENT", "STATUS", $"APPLIED[{process}]");
            foreach (var report in result.Specs)
            {
                specs.Add(report.Id, report.Source, report.Target, Instrument(report), SpecStatus.Describe(report.Status, report.Reason), Applied(report, process));
            }

            specs.WriteTo(output);
        }

        output.WriteLine();
        if (result.Probes.Count == 0)
        {
            output.WriteLine("no probes: every method runs its original code");
            return;
        }

        if (result.Probes.All(p => p.Details is not { Count: > 0 }))
        {
            // An agent without counters.
            var plain = new TextTable("PROBE", "STATE", "INSTRUMENTS");
            foreach (var probe in result.Probes)
            {
                plain.Add(probe.Target, State(probe), string.Join(", ", probe.Instruments));
            }

            plain.WriteTo(output);
            return;
        }

        var probes = new TextTable("PROBE", "STATE", "CALLS", "FIRED", "DROPPED(RATE)", "DROPPED(FULL)", "ERRORS", "INSTRUMENT");
        foreach (var probe in result.Probes)
        {
            foreach (var instrument in probe.Details ?? [])
            {
                var stats = instrument.Stats ?? ProbeStats.Zero;
                var name = instrument.State == InstrumentReport.On ? instrument.Id : $"{instrument.Id} ({SpecStatus.Describe(instrument.State, instrument.Reason)})";
                probes.Add(probe.Target, State(probe), Count(stats.Calls), Count(stats.Fired), Count(stats.DroppedRate), Count(stats.DroppedFull), Count(stats.Errors), name);
            }
        }

        probes.WriteTo(output);
    }

    private static string State(ProbeReport probe) => probe.Error is null ? probe.State : $"{probe.State}: {probe.Error}";

    private static string Count(long count) => count.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Instrument(SpecReport report)
    {
        if (report.Spec is not { IsValid: true } spec)
        {
            return "-";
        }

        // A line probe fires at its line whatever event the spec names; an exceptions probe at a throw.
        var when = Discovery.LineTargets.Split(spec.Target).Line is { } line ? $"at line {line}"
            : Protocol.Naming.LineTargetText.IsExceptions(spec.Target) ? "on a throw" : $"on {spec.Instrument.Event}";
        var text = $"{spec.Instrument.Type} {spec.Instrument.Name} = {spec.Instrument.Value} {when}";
        if (spec.Instrument.Condition is { } condition)
        {
            text += $" when {condition}";
        }

        return spec.Lifespan is { } minutes ? $"{text} for {minutes:0.###} min" : text;
    }

    private static string Applied(SpecReport report, string process)
    {
        if (report.Spec is null || !report.Spec.Applied.TryGetValue(process, out var entry))
        {
            return "-";
        }

        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("lm", entry.LastModified);
            writer.WriteString("err", entry.Error);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
