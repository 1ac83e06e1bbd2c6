using System.Globalization;
using System.Text.Json;

namespace Diagnose.Protocol.Specs;

/// <summary>
/// A probe's own guardrail settings, from its instrument's <c>custom</c>: <c>rate</c> (fires per second, 0 for no
/// limit), <c>maxHits</c> (fires before the probe removes itself), <c>budgetMs</c> (the most one call of its
/// instruments may take) and <c>cpuPercent</c> (the most of the process's CPU they may take over a second).
/// Null means the process's default.
/// </summary>
internal sealed record GuardLimits(double? Rate, long? MaxHits, double? BudgetMs, double? CpuPercent)
{
    public static GuardLimits None { get; } = new(null, null, null, null);

    /// <summary>Reads the settings from a <c>custom</c> object; each problem names its key and what it must be.</summary>
    public static GuardLimits Read(JsonElement custom, ICollection<string> problems)
    {
        if (custom.ValueKind != JsonValueKind.Object)
        {
            return None;
        }

        var rate = Number(custom, "rate", "a number of fires per second, 0 or more (0: no limit)", r => r >= 0, problems);
        var maxHits = Number(custom, "maxHits", "a whole number of fires, 1 or more", m => m >= 1 && m <= long.MaxValue && Math.Floor(m) == m, problems);
        var budget = Number(custom, "budgetMs", "a number of milliseconds greater than 0", b => b > 0, problems);
        var cpu = Number(custom, "cpuPercent", "a percentage from 0 to 100 (0: no limit)", c => c >= 0 && c <= 100, problems);
        return rate is null && maxHits is null && budget is null && cpu is null ? None : new GuardLimits(rate, maxHits is { } m ? (long)m : null, budget, cpu);
    }

    private static double? Number(JsonElement custom, string key, string what, Func<double, bool> valid, ICollection<string> problems)
    {
        if (!custom.TryGetProperty(key, out var json) || json.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        double value;
        var ok = json.ValueKind switch
        {
            JsonValueKind.Number => json.TryGetDouble(out value),
            JsonValueKind.String => double.TryParse(json.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value),
            _ => (value = 0) != 0,
        };
        if (!ok || !double.IsFinite(value) || !valid(value))
        {
            problems.Add($"'instrument.custom.{key}' must be {what}, got {SpecJson.Describe(json)}");
            return null;
        }

        return value;
    }
}
