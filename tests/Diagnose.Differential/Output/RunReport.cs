using System.Text.Json;
using System.Text.Json.Serialization;

namespace Diagnose.Differential.Output;

/// <summary>What one run did, per library: written as JSON (--report), read back to compare a plain and a probed run.</summary>
internal sealed class RunReport
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public required string Mode { get; init; }

    public required string Runtime { get; init; }

    public required int Inputs { get; init; }

    public List<LibraryReport> Libraries { get; init; } = new();

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, s_json));

    public static RunReport Load(string path) =>
        JsonSerializer.Deserialize<RunReport>(File.ReadAllText(path), s_json) ?? throw new InvalidDataException($"{path} is not a run report");
}

internal sealed class LibraryReport
{
    public required string Library { get; init; }

    public required string Version { get; init; }

    public int Cases { get; set; }

    public double WorkloadSeconds { get; set; }

    /// <summary>Null in a plain run.</summary>
    public ProbingReport? Probing { get; set; }
}

/// <summary>How the probes went on one library: counts by outcome, the reasons, hits and the time to apply.</summary>
internal sealed class ProbingReport
{
    /// <summary>Methods and constructors declared in the assembly.</summary>
    public int Methods { get; set; }

    /// <summary>Those with an IL body: what coverage is measured against.</summary>
    public int MethodsWithIL { get; set; }

    /// <summary>Rewritten with hooks, with at least one working instrument.</summary>
    public int Instrumented { get; set; }

    /// <summary>Refused by TargetResolver.Refusal, by reason (methods without IL included).</summary>
    public SortedDictionary<string, int> Refused { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Left out by this suite (KnownIssues), by issue.</summary>
    public SortedDictionary<string, int> Excluded { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Probes that did not install: "method: error".</summary>
    public List<string> Failed { get; set; } = new();

    /// <summary>Instruments disabled when installed (their expression did not compile for the method), by error.</summary>
    public SortedDictionary<string, int> InstrumentErrors { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The same, by method: "method [instrument]: error".</summary>
    public List<string> InstrumentErrorMethods { get; set; } = new();

    /// <summary>Instruments disabled while the workload ran, "method: error".</summary>
    public List<string> RuntimeErrors { get; set; } = new();

    /// <summary>What the profiler says of the instrumented methods' code after the workload: Compiled (the
    /// rewritten body ran), Requested (never called), Failed (the runtime rejected it), by state.</summary>
    public SortedDictionary<string, int> CodeStates { get; set; } = new(StringComparer.Ordinal);

    public long CallHits { get; set; }

    public long ReturnHits { get; set; }

    /// <summary>Instrumented methods whose rewritten body was compiled: the workload called them.</summary>
    public int MethodsHit { get; set; }

    public double ApplySeconds { get; set; }

    /// <summary>Refused methods that do have IL (they count against coverage).</summary>
    public int RefusedWithIL { get; set; }

    /// <summary>Instrumented share of the methods with IL.</summary>
    public double Coverage => MethodsWithIL == 0 ? 1 : (double)Instrumented / MethodsWithIL;
}
