namespace Diagnose;

/// <summary>When an instrument fires.</summary>
public enum InstrumentEvent
{
    /// <summary>Before the body runs: parameters, <c>this</c>, <c>args</c>, <c>start</c>…</summary>
    Call = 0,

    /// <summary>After the body completes or throws: adds <c>result</c>, <c>exception</c>, <c>elapsed</c>…</summary>
    Return = 1,

    /// <summary>Like return, inside the method: adds the local variables by their source names.</summary>
    End = 2,
}
