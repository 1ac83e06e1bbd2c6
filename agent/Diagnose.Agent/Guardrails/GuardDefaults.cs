using System.Globalization;

namespace Diagnose.Guardrails;

/// <summary>
/// The process's guardrail defaults, read once from the environment (a bad value is logged and the default kept):
/// <c>DIAGNOSE_LOG_RATE</c> (lines a second per log probe, 100), <c>DIAGNOSE_PROCESS_LOG_RATE</c> (over all of them,
/// 1000), <c>DIAGNOSE_BUDGET_CALL_MS</c> (10) and <c>DIAGNOSE_BUDGET_CPU_PERCENT</c> (5). A rate or CPU share of 0 means no limit.
/// </summary>
internal sealed record GuardDefaults(double LogRate, double ProcessLogRate, double CallBudgetMs, double CpuPercent)
{
    public static GuardDefaults Current { get; } = FromEnvironment(Environment.GetEnvironmentVariable, AgentLog.Warning);

    internal static GuardDefaults FromEnvironment(Func<string, string?> read, Action<string> warn) => new(
        Read(read, warn, "DIAGNOSE_LOG_RATE", 100, v => v >= 0, "a number of lines per second, 0 or more (0: no limit)"),
        Read(read, warn, "DIAGNOSE_PROCESS_LOG_RATE", 1000, v => v >= 0, "a number of lines per second, 0 or more (0: no limit)"),
        Read(read, warn, "DIAGNOSE_BUDGET_CALL_MS", 10, v => v > 0, "a number of milliseconds greater than 0"),
        Read(read, warn, "DIAGNOSE_BUDGET_CPU_PERCENT", 5, v => v >= 0 && v <= 100, "a percentage from 0 to 100 (0: no limit)"));

    private static double Read(Func<string, string?> read, Action<string> warn, string name, double fallback, Func<double, bool> valid, string what)
    {
        var text = read(name);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && valid(value))
        {
            return value;
        }

        warn($"{name}={text} is ignored: it must be {what}; using {fallback.ToString(CultureInfo.InvariantCulture)}");
        return fallback;
    }
}
