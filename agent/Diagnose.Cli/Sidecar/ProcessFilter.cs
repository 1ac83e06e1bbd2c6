using Diagnose.Cli.Processes;

namespace Diagnose.Cli.Sidecar;

/// <summary>
/// Which processes a sidecar takes care of: every .NET process it sees, except the .NET SDK's own tools and other
/// diagnose commands, narrowed by <c>--match</c> (the command line must contain one of them) and
/// <c>--exclude</c> (it must contain none).
/// </summary>
internal sealed class ProcessFilter(IReadOnlyList<string> match, IReadOnlyList<string> exclude)
{
    /// <summary>Never attached to: build servers, test hosts, language servers, diagnose itself.</summary>
    public static readonly IReadOnlyList<string> Tooling =
    [
        "diagnose.dll", "MSBuild.dll", "VBCSCompiler.dll", "vstest.console.dll", "testhost.dll", "testhost.net",
        "datacollector.dll", "Microsoft.CodeAnalysis.LanguageServer", "dotnet-counters", "dotnet-trace", "dotnet-dump",
    ];

    public bool Wants(DotnetProcess process)
    {
        var line = process.CommandLine.Length > 0 ? process.CommandLine : process.Name;
        if (Tooling.Concat(exclude).Any(text => line.Contains(text, StringComparison.Ordinal)))
        {
            return false;
        }

        return match.Count == 0 || match.Any(text => line.Contains(text, StringComparison.Ordinal));
    }
}
