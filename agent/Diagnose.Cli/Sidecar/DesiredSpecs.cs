using System.Text.Json.Nodes;
using Diagnose.Protocol.Specs;

namespace Diagnose.Cli.Sidecar;

/// <summary>
/// What a store wants, without what processes wrote back: the specs without their <c>applied</c> objects, and a
/// fingerprint that changes only when a spec, not an <c>applied</c> entry, does.
/// </summary>
internal sealed record DesiredSpecs(SpecSet Specs, string Fingerprint)
{
    public static DesiredSpecs From(SpecSet stored)
    {
        var document = JsonNode.Parse(stored.ToJson(indented: false)) as JsonObject ?? new JsonObject();
        foreach (var (_, spec) in document)
        {
            (spec as JsonObject)?.Remove("applied");
        }

        var text = document.ToJsonString();
        return new DesiredSpecs(SpecSet.Parse(text, "the store"), text);
    }
}
