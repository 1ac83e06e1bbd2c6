namespace Diagnose.Rewriting;

/// <summary>
/// One call from rewritten IL into the agent: <c>calli</c> of <see cref="FunctionPointer"/> with the site id and the
/// captured values, in order. The pointer's method must take <c>(int, HookType₁ … HookTypeₙ)</c> and return void.
/// </summary>
internal sealed record HookCall(int SiteId, nint FunctionPointer, IReadOnlyList<Capture> Values);

/// <summary>What to insert into one method: hooks on entry and on exit (normal or by exception).</summary>
internal sealed class ProbePlan
{
    public HookCall? Call { get; init; }

    public HookCall? Return { get; init; }

    /// <summary>Line probes: a hook before the instruction at each IL offset (a sequence point's), with the values there.</summary>
    public IReadOnlyList<(int ILOffset, HookCall Hook)> LineHooks { get; init; } = [];

    /// <summary>Pointer to a static <c>long ()</c> timestamp function, needed when a value is the start timestamp.</summary>
    public nint TimestampFunction { get; init; }

    /// <summary>For hotspots: the IL offset of each visible sequence point and its source line.</summary>
    public IReadOnlyList<(int ILOffset, int Line)> Lines { get; init; } = [];

    /// <summary>For hotspots: a static <c>object ()</c> that makes the per-call recorder.</summary>
    public nint HotspotsBeginFunction { get; init; }

    /// <summary>For hotspots: a static <c>void (object recorder, int line)</c>.</summary>
    public nint HotspotsLineFunction { get; init; }

    /// <summary>
    /// For hotspots: the stack effect of each call of the original IL (null: unknown). Says where line hooks go
    /// mid-statement, which the instrumented-code map then leaves out (see <see cref="ILOffsetMap"/>).
    /// </summary>
    public Func<ILInstruction, CallEffect?>? CallEffects { get; init; }
}
