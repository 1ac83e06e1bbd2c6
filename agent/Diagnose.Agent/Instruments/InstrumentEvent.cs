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

    /// <summary>
    /// When execution reaches a source line, before it runs (the event of every instrument of a line probe,
    /// <c>File.cs:44</c> or <c>Ns.Type.Method:44</c>): the call's names and the locals in scope there, and <c>line</c>.
    /// </summary>
    Line = 3,
}
