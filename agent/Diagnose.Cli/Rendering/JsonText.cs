using System.Text.Encodings.Web;
using System.Text.Json;

namespace Diagnose.Cli.Rendering;

/// <summary>JSON for people: indented, non-ASCII text kept.</summary>
internal static class JsonText
{
    public static string Indent(string json)
    {
        using var document = JsonDocument.Parse(json);
        return JsonSerializer.Serialize(document.RootElement, new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }
}
