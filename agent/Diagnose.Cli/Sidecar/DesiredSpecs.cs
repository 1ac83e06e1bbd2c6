using System.Text.Json.Nodes;
using Diagnose.Protocol.Specs;

namespace Diagnose.Cli.Sidecar;

/// <summary>
/// What a store wants, without what processes wrote back: the specs without their <c>applied</c> objects, and a
/// fingerprint that changes only when a spec, not an <c>applied</c> entry, does. With a key, the specs whose
/// signature does not check out are held back (<see cref="Refused"/>, with the reason each process's applied entry
/// gets): they are never sent. <see cref="Tags"/>: those of the settings.json beside the store, sent with the specs
/// (null: no such file); the fingerprint covers them too.
/// </summary>
internal sealed record DesiredSpecs(SpecSet Specs, string Fingerprint)
{
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>The specs refused for their signature, with the reason.</summary>
    public IReadOnlyList<(Spec Spec, string Error)> Refused { get; init; } = [];

    public static DesiredSpecs From(SpecSet stored, SpecKey? key = null, IReadOnlyList<string>? tags = null)
    {
        var refused = key is null ? [] : stored.Select(spec => (Spec: spec, Error: SpecSignature.Refusal(key, spec))).Where(r => r.Error is not null).Select(r => (r.Spec, r.Error!)).ToList();
        var document = JsonNode.Parse(stored.ToJson(indented: false)) as JsonObject ?? new JsonObject();
        var text = Strip(document).ToJsonString() + (tags is null ? string.Empty : "\n" + string.Join("\n", tags));
        foreach (var (spec, _) in refused)
        {
            document.Remove(spec.Id);
        }

        return new DesiredSpecs(SpecSet.Parse(document.ToJsonString(), "the store"), text) { Refused = refused, Tags = tags };
    }

    private static JsonObject Strip(JsonObject document)
    {
        foreach (var (_, spec) in document)
        {
            (spec as JsonObject)?.Remove("applied");
        }

        return document;
    }
}
