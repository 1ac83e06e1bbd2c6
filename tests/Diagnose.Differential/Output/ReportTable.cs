using System.Globalization;

namespace Diagnose.Differential.Output;

/// <summary>The per-assembly table of a run, or of a plain and a probed run side by side, with the reasons under it.</summary>
internal static class ReportTable
{
    private const int ListedFailures = 20;

    public static void Print(TextWriter writer, RunReport run)
    {
        writer.WriteLine($"{run.Mode} run on {run.Runtime}, {run.Inputs} inputs per case kind");
        writer.WriteLine(Row("library", "cases", "workload s", "methods", "with IL", "instrumented", "coverage", "refused", "excluded", "failed", "instr. errors", "call hits", "return hits", "methods hit", "apply s"));
        foreach (var library in run.Libraries)
        {
            writer.WriteLine(Row([library.Library, N(library.Cases), S(library.WorkloadSeconds), .. ProbingColumns(library.Probing)]));
        }

        Details(writer, run);
    }

    public static void Print(TextWriter writer, RunReport plain, RunReport probed)
    {
        writer.WriteLine($"plain vs probed on {probed.Runtime}, {probed.Inputs} inputs per case kind");
        writer.WriteLine(Row("library", "cases", "methods", "with IL", "instrumented", "coverage", "refused", "excluded", "failed", "instr. errors", "call hits", "return hits", "methods hit", "apply s", "plain s", "probed s", "slowdown"));
        foreach (var library in probed.Libraries)
        {
            var before = plain.Libraries.FirstOrDefault(l => l.Library == library.Library);
            var slowdown = before is { WorkloadSeconds: > 0 } ? library.WorkloadSeconds / before.WorkloadSeconds : double.NaN;
            var probing = ProbingColumns(library.Probing);
            writer.WriteLine(Row([library.Library, N(library.Cases), .. probing[..^1], probing[^1], S(before?.WorkloadSeconds ?? double.NaN), S(library.WorkloadSeconds), slowdown.ToString("F1", CultureInfo.InvariantCulture) + "x"]));
        }

        Details(writer, probed);
    }

    private static string[] ProbingColumns(ProbingReport? probing) => probing is null
        ? ["-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-"]
        :
        [
            N(probing.Methods), N(probing.MethodsWithIL), N(probing.Instrumented), probing.Coverage.ToString("P2", CultureInfo.InvariantCulture),
            N(probing.Refused.Values.Sum()), N(probing.Excluded.Values.Sum()), N(probing.Failed.Count), N(probing.InstrumentErrors.Values.Sum()),
            N(probing.CallHits), N(probing.ReturnHits), N(probing.MethodsHit), S(probing.ApplySeconds),
        ];

    private static void Details(TextWriter writer, RunReport run)
    {
        foreach (var library in run.Libraries.Where(l => l.Probing is not null))
        {
            var probing = library.Probing!;
            writer.WriteLine($"-- {library.Library} {library.Version}: refused {probing.Refused.Values.Sum()} ({probing.RefusedWithIL} of them with IL)");
            foreach (var (reason, count) in probing.Refused)
            {
                writer.WriteLine($"   refused {count,6}  {reason}");
            }

            foreach (var (issue, count) in probing.Excluded)
            {
                writer.WriteLine($"   excluded {count,5}  {issue}");
            }

            writer.WriteLine($"   code after the workload: {string.Join(", ", probing.CodeStates.Select(p => $"{p.Key} {p.Value}"))}");
            foreach (var (error, count) in probing.InstrumentErrors)
            {
                writer.WriteLine($"   instrument error {count,5}  {error}");
            }

            foreach (var failure in probing.Failed.Take(ListedFailures))
            {
                writer.WriteLine($"   failed  {failure}");
            }

            if (probing.Failed.Count > ListedFailures)
            {
                writer.WriteLine($"   failed  … and {probing.Failed.Count - ListedFailures} more (see the report file)");
            }

            foreach (var error in probing.RuntimeErrors.Take(ListedFailures))
            {
                writer.WriteLine($"   disabled while running  {error}");
            }
        }
    }

    private static string Row(params string[] cells) => string.Join(" | ", cells);

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string S(double seconds) => double.IsNaN(seconds) ? "-" : seconds.ToString("F2", CultureInfo.InvariantCulture);
}
