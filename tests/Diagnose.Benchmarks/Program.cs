using BenchmarkDotNet.Running;
using Diagnose.Benchmarks.Support;

namespace Diagnose.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/Diagnose.Benchmarks -- --filter '*'</c>, with DIAGNOSE_HOME set (README.md).
/// <c>--quick</c> runs a short job for smoke runs; <c>--after-removal</c> is a measured run of a method's speed right
/// after its probe is removed (not BenchmarkDotNet); other arguments are BenchmarkDotNet's.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Contains("--after-removal"))
        {
            return Removal.AfterRemovalRun.Run();
        }

        var quick = args.Contains("--quick");
        var rest = args.Where(a => a != "--quick").ToArray();
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(rest, BenchmarkConfig.Create(quick));
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
