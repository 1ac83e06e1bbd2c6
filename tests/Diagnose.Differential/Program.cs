using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Diagnose.Differential.Output;
using Diagnose.Differential.Probing;
using Diagnose.Differential.Workloads;
using Diagnose.Differential.Workloads.Documents;
using Diagnose.Differential.Workloads.Json;
using Diagnose.Differential.Workloads.Time;
using Diagnose.Differential.Workloads.Yaml;

namespace Diagnose.Differential;

/// <summary>
/// <code>
///   Diagnose.Differential --plain  [--inputs N] [--only LIB,…] [--report FILE] [--full-text] [--traces]
///   Diagnose.Differential --probed [--inputs N] [--only LIB,…] [--report FILE] [--full-text] [--traces] [--with-known-issues] [--rich]
///   Diagnose.Differential --table PLAIN.json PROBED.json
/// </code>
/// Standard output carries only the canonical output of the workloads (ending with "end N cases"); everything else
/// (the probing report, timings) goes to standard error and the report file. Exit codes: 0 done (an exception inside
/// a case is part of the output, not a failure), 2 usage, 3 the profiler cannot be used.
/// </summary>
public static class Program
{
    private static readonly IWorkload[] s_workloads =
    [
        new NewtonsoftWorkload(),
        new MarkdigWorkload(),
        new YamlWorkload(),
        new NodaTimeWorkload(),
    ];

    public static int Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        try
        {
            var options = Options.Parse(args);
            if (options.Tables is { } tables)
            {
                ReportTable.Print(Console.Out, RunReport.Load(tables.Plain), RunReport.Load(tables.Probed));
                return 0;
            }

            return Run(options);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"usage: {e.Message}");
            return 2;
        }
        catch (DiagnoseException e)
        {
            Console.Error.WriteLine($"cannot probe: {e.Message}");
            return 3;
        }
    }

    private static int Run(Options options)
    {
        var workloads = s_workloads.Where(w => options.Only is null || options.Only.Contains(w.Library, StringComparer.OrdinalIgnoreCase)).ToList();
        var report = new RunReport { Mode = options.Probed ? options.Rich ? "probed (rich values)" : "probed" : "plain", Runtime = RuntimeInformation.FrameworkDescription, Inputs = options.Inputs };
        var libraries = workloads.ToDictionary(w => w, w => new LibraryReport { Library = w.Library, Version = w.Assembly.GetName().Version?.ToString() ?? "?" });
        report.Libraries.AddRange(libraries.Values);
        var probers = options.Probed ? ProbeAll(workloads, libraries, options) : null;

        using var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        var output = new CaseWriter(stdout, options.FullText, options.Traces ? Console.Error : null);
        foreach (var workload in workloads)
        {
            var before = output.Cases;
            var clock = Stopwatch.StartNew();
            workload.Run(output, options.Inputs);
            libraries[workload].WorkloadSeconds = clock.Elapsed.TotalSeconds;
            libraries[workload].Cases = output.Cases - before;
            stdout.Flush();
        }

        stdout.Write($"end {output.Cases} cases\n");
        stdout.Flush();
        foreach (var prober in probers?.Values.ToList() ?? [])
        {
            prober.Collect();
        }

        ReportTable.Print(Console.Error, report);
        if (options.ReportPath is not null)
        {
            report.Save(options.ReportPath);
        }

        return 0;
    }

    /// <summary>Probes every method of every library before any workload runs.</summary>
    private static Dictionary<IWorkload, AssemblyProber> ProbeAll(IReadOnlyList<IWorkload> workloads, Dictionary<IWorkload, LibraryReport> libraries, Options options)
    {
        var probers = new Dictionary<IWorkload, AssemblyProber>();
        foreach (var workload in workloads)
        {
            var prober = AssemblyProber.Apply(workload.Assembly, !options.WithKnownIssues, options.Rich);
            probers[workload] = prober;
            libraries[workload].Probing = prober.Report;
            Console.Error.WriteLine($"probed {workload.Library}: {prober.Report.Instrumented} of {prober.Report.MethodsWithIL} methods with IL in {prober.Report.ApplySeconds:F1} s");
        }

        return probers;
    }
}
