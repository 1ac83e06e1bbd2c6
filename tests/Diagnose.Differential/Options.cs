namespace Diagnose.Differential;

/// <summary>The command line (see <see cref="Program"/>).</summary>
internal sealed record Options(bool Probed, int Inputs, IReadOnlySet<string>? Only, string? ReportPath, bool FullText, bool Traces, bool WithKnownIssues, bool Rich, (string Plain, string Probed)? Tables)
{
    /// <summary>Inputs per kind of case when --inputs is not given: the full run.</summary>
    public const int FullInputs = 400;

    /// <exception cref="ArgumentException">The arguments are not valid.</exception>
    public static Options Parse(IReadOnlyList<string> args)
    {
        bool? probed = null;
        var inputs = FullInputs;
        IReadOnlySet<string>? only = null;
        string? report = null;
        var fullText = false;
        var traces = false;
        var withKnownIssues = false;
        var rich = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--plain":
                    probed = false;
                    break;
                case "--probed":
                    probed = true;
                    break;
                case "--inputs":
                    inputs = int.TryParse(Next(args, ref i), out var n) && n > 0 ? n : throw new ArgumentException("--inputs takes a positive number");
                    break;
                case "--only":
                    only = Next(args, ref i).Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
                    break;
                case "--report":
                    report = Next(args, ref i);
                    break;
                case "--full-text":
                    fullText = true;
                    break;
                case "--traces":
                    traces = true;
                    break;
                case "--with-known-issues":
                    withKnownIssues = true;
                    break;
                case "--rich":
                    rich = true;
                    break;
                case "--table":
                    var plain = Next(args, ref i);
                    return new Options(false, 0, null, null, false, false, false, false, (plain, Next(args, ref i)));
                default:
                    throw new ArgumentException($"unknown argument '{args[i]}'");
            }
        }

        return probed is { } mode
            ? new Options(mode, inputs, only, report, fullText, traces, withKnownIssues, rich, null)
            : throw new ArgumentException("--plain or --probed [--inputs N] [--only LIB,…] [--report FILE] [--full-text] [--traces] [--with-known-issues] [--rich], or --table PLAIN.json PROBED.json");
    }

    private static string Next(IReadOnlyList<string> args, ref int i) =>
        ++i < args.Count ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value");
}
