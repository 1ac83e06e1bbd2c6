using System.Text;
using System.Text.Json;
using Diagnose.Protocol.Channel;

namespace Diagnose.Cli.Rendering;

/// <summary>
/// Prints a <c>list</c> result: every spec with its source, status and <c>applied</c> entry in this process, then the
/// running probes (a method with none runs its original code).
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

        var probes = new TextTable("PROBE", "STATE", "INSTRUMENTS");
        foreach (var probe in result.Probes)
        {
            var state = probe.Error is null ? probe.State : $"{probe.State}: {probe.Error}";
            probes.Add(probe.Target, state, string.Join(", ", probe.Instruments));
        }

        probes.WriteTo(output);
    }

    private static string Instrument(SpecReport report)
    {
        if (report.Spec is not { IsValid: true } spec)
        {
            return "-";
        }

        var text = $"{spec.Instrument.Type} {spec.Instrument.Name} = {spec.Instrument.Value} on {spec.Instrument.Event}";
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
