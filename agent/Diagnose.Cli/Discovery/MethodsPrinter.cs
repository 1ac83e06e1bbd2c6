using System.Text.Encodings.Web;
using System.Text.Json;
using Diagnose.Cli.Rendering;

namespace Diagnose.Cli.Discovery;

/// <summary>Prints <c>methods</c>' answer: a table (one method a row), or one JSON array.</summary>
internal static class MethodsPrinter
{
    public static void Table(IReadOnlyList<DiscoveredMethod> methods, bool lines, TextWriter output)
    {
        var table = lines ? new TextTable("TARGET", "SIGNATURE", "SOURCE", "PROBE", "LINES", "NOTE") : new TextTable("TARGET", "SIGNATURE", "SOURCE", "PROBE", "NOTE");
        foreach (var method in methods)
        {
            var probe = method.Probeable ? "yes" : "no";
            var note = string.Join("; ", new[] { method.SourceFormWithLocation, method.Refusal is null ? null : $"cannot probe: {method.Refusal}" }.OfType<string>());
            if (lines)
            {
                table.Add(method.Target, method.Signature, method.Source.Location, probe, Ranges(method.Source.Lines), note);
            }
            else
            {
                table.Add(method.Target, method.Signature, method.Source.Location, probe, note);
            }
        }

        table.WriteTo(output);
    }

    public static void Json(IReadOnlyList<DiscoveredMethod> methods, bool lines, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            foreach (var method in methods)
            {
                json.WriteStartObject();
                json.WriteString("target", method.Target);
                json.WriteString("signature", method.Signature);
                json.WriteString("assembly", method.Assembly);
                json.WriteString("file", method.Source.Document);
                if (method.Source.First is { } first)
                {
                    json.WriteNumber("line", first);
                }
                else
                {
                    json.WriteNull("line");
                }

                if (lines)
                {
                    json.WriteStartArray("lines");
                    foreach (var line in method.Source.Lines)
                    {
                        json.WriteNumberValue(line);
                    }

                    json.WriteEndArray();
                }

                json.WriteBoolean("probeable", method.Probeable);
                json.WriteString("refusal", method.Refusal);
                json.WriteString("sourceForm", method.SourceForm);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    /// <summary><c>31-33, 35</c>: consecutive lines as ranges.</summary>
    public static string Ranges(IReadOnlyList<int> lines)
    {
        var parts = new List<string>();
        for (var i = 0; i < lines.Count; i++)
        {
            var start = lines[i];
            while (i + 1 < lines.Count && lines[i + 1] == lines[i] + 1)
            {
                i++;
            }

            parts.Add(start == lines[i] ? $"{start}" : $"{start}-{lines[i]}");
        }

        return parts.Count == 0 ? "-" : string.Join(", ", parts);
    }
}
