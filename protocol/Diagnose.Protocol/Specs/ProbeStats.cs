using System.Text.Json;

namespace Diagnose.Protocol.Specs;

/// <summary>
/// What one instrument has done in one process since it was installed:
/// <c>{"calls", "fired", "droppedRate", "droppedFull", "errors"}</c>. Calls are the calls of its method it saw,
/// fired the ones it recorded; droppedRate counts the calls its rate limit (or max hits) skipped, droppedFull the
/// lines a full output queue dropped or the calls skipped after its overhead budget switched it off.
/// </summary>
public sealed record ProbeStats(long Calls, long Fired, long DroppedRate, long DroppedFull, long Errors)
{
    public static ProbeStats Zero { get; } = new(0, 0, 0, 0, 0);

    /// <summary>"calls 1200, fired 100, dropped 1100 (rate) 0 (full), errors 0".</summary>
    public override string ToString() => $"calls {Calls}, fired {Fired}, dropped {DroppedRate} (rate) {DroppedFull} (full), errors {Errors}";

    internal void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteNumber("calls", Calls);
        writer.WriteNumber("fired", Fired);
        writer.WriteNumber("droppedRate", DroppedRate);
        writer.WriteNumber("droppedFull", DroppedFull);
        writer.WriteNumber("errors", Errors);
        writer.WriteEndObject();
    }

    /// <summary>Reads stats leniently (a missing or mistyped count reads as 0); null when it is not an object.</summary>
    internal static ProbeStats? Read(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return new ProbeStats(Count(json, "calls"), Count(json, "fired"), Count(json, "droppedRate"), Count(json, "droppedFull"), Count(json, "errors"));
    }

    private static long Count(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var count) ? count : 0;
}
