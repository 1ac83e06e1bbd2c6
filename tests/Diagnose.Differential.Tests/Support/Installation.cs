using System.Reflection;

namespace Diagnose.Differential.Tests.Support;

/// <summary>The layout build/build.sh produced: DIAGNOSE_OUT, or out/ in the repository this project was built from.</summary>
internal static class Installation
{
    public static string Out { get; } = Environment.GetEnvironmentVariable("DIAGNOSE_OUT") is { Length: > 0 } o ? o : Path.Combine(RepositoryRoot(), "out");

    /// <summary>The host's assembly, published by build/build.sh.</summary>
    public static string Host
    {
        get
        {
            var path = Path.Combine(Out, "differential", "Diagnose.Differential.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is missing: run build/build.sh first");
        }
    }

    private static string RepositoryRoot() =>
        typeof(Installation).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;
}
