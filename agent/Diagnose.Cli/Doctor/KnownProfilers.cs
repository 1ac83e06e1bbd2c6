namespace Diagnose.Cli.Doctor;

/// <summary>
/// The CoreCLR profilers of other products, by a part of their native library's file name: a process has at most
/// one profiler, so any of these loaded means Diagnose cannot attach.
/// </summary>
internal static class KnownProfilers
{
    private static readonly (string FilePart, string Product)[] s_known =
    [
        ("Datadog.Trace.ClrProfiler.Native", "Datadog APM"),
        ("Datadog.Tracer.Native", "Datadog APM"),
        ("OpenTelemetry.AutoInstrumentation.Native", "OpenTelemetry .NET automatic instrumentation"),
        ("NewRelicProfiler", "New Relic"),
        ("oneagent", "Dynatrace OneAgent"),
        ("appdprofiler", "AppDynamics"),
        ("elastic_apm_profiler", "Elastic APM"),
        ("ContrastProfiler", "Contrast Security"),
        ("InstrumentationEngine", "Microsoft Instrumentation Engine (Application Insights)"),
        ("Pyroscope.Profiler.Native", "Grafana Pyroscope"),
    ];

    /// <summary>The product a profiler library belongs to, or null when its file name is not one we know.</summary>
    public static string? ProductOf(string path)
    {
        var file = Path.GetFileName(path);
        foreach (var (part, product) in s_known)
        {
            if (file.Contains(part, StringComparison.OrdinalIgnoreCase))
            {
                return product;
            }
        }

        return null;
    }

    /// <summary>"Datadog APM (/opt/datadog/Datadog.Trace.ClrProfiler.Native.so)", or the path alone.</summary>
    public static string Describe(string path) => ProductOf(path) is { } product ? $"{product} ({path})" : path;
}
