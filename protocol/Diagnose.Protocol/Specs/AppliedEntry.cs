using System.Text.Json;

namespace Diagnose.Protocol.Specs;

/// <summary>
/// What one process made of a spec, as it appears in the spec's <c>applied</c> object under the process's key:
/// <c>{"lm": &lt;the spec's lastmodified when applied&gt;, "err": null | "&lt;error text&gt;", "stats": {…}}</c>.
/// Two entries are equal when they record the same version and outcome: <see cref="Stats"/> is a running count
/// that does not make an entry new.
/// </summary>
/// <param name="LastModified">
/// <c>lm</c>: the spec's <c>lastmodified</c> exactly as the spec writes it, so a monitor can compare the two texts
/// to see whether a process has the latest version (null when the spec has none).
/// </param>
/// <param name="Error">
/// <c>err</c>: why the spec could not be applied (install, expression or instrument error), or null on success.
/// </param>
/// <param name="Stats">
/// <c>stats</c>: the instrument's counters when the entry was written (refreshed every few seconds while it runs), or
/// null before it ran.
/// </param>
public sealed record AppliedEntry(string? LastModified, string? Error, ProbeStats? Stats = null)
{
    /// <summary>The entry recording that <paramref name="spec"/> was applied, with <paramref name="error"/> if it failed.</summary>
    public static AppliedEntry For(Spec spec, string? error = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new AppliedEntry(spec.LastModifiedText, error);
    }

    /// <summary>Reads an entry; values that are not strings read as null (the JSON itself is kept as it was).</summary>
    internal static AppliedEntry? Read(JsonElement entry)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return new AppliedEntry(StringOrNull(entry, "lm"), StringOrNull(entry, "err"), entry.TryGetProperty("stats", out var stats) ? ProbeStats.Read(stats) : null);
    }

    /// <summary>The same version and outcome (stats aside).</summary>
    public bool Equals(AppliedEntry? other) => other is not null && LastModified == other.LastModified && Error == other.Error;

    public override int GetHashCode() => HashCode.Combine(LastModified, Error);

    internal void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("lm", LastModified);
        writer.WriteString("err", Error);
        if (Stats is not null)
        {
            writer.WritePropertyName("stats");
            Stats.WriteTo(writer);
        }

        writer.WriteEndObject();
    }

    private static string? StringOrNull(JsonElement entry, string name)
    {
        return entry.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
