using System.Globalization;
using System.Text.Json.Nodes;

namespace Diagnose.Snapshots;

/// <summary>How much of an object graph a snapshot takes (SPEC.md "Line probes, snapshots, discovery").</summary>
internal sealed record SnapshotLimits(int Depth, int Items, int StringChars, int Fields, int Bytes)
{
    public static readonly SnapshotLimits Default = new(Depth: 3, Items: 100, StringChars: 255, Fields: 20, Bytes: 1024 * 1024);

    /// <summary>The defaults with <c>custom.depth</c> (1 to 10) applied.</summary>
    /// <exception cref="InstrumentException">custom.depth is not a whole number from 1 to 10.</exception>
    public static SnapshotLimits From(JsonObject custom)
    {
        if (!custom.TryGetPropertyValue("depth", out var node) || node is null)
        {
            return Default;
        }

        var text = node.ToJsonString();
        if (!int.TryParse(text.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var depth) || depth is < 1 or > 10)
        {
            throw new InstrumentException($"'instrument.custom.depth' must be a whole number from 1 to 10 (how deep a snapshot follows references), got {text}");
        }

        return Default with { Depth = depth };
    }
}
