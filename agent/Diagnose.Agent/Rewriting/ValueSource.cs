namespace Diagnose.Rewriting;

/// <summary>Where a value passed to a hook comes from.</summary>
internal enum ValueSourceKind
{
    /// <summary>Parameter <c>Index</c> (0-based, not counting <c>this</c>).</summary>
    Argument,
    This,
    Result,
    Exception,

    /// <summary>The Stopwatch timestamp taken when the method was entered.</summary>
    StartTimestamp,

    /// <summary>Original local variable <c>Index</c>.</summary>
    Local,

    /// <summary>The per-call line recorder (only when an instrument uses <c>hotspots</c>).</summary>
    Hotspots,
}

internal readonly record struct ValueSource(ValueSourceKind Kind, int Index = 0)
{
    public static ValueSource Argument(int index) => new(ValueSourceKind.Argument, index);

    public static ValueSource Local(int index) => new(ValueSourceKind.Local, index);

    public static readonly ValueSource This = new(ValueSourceKind.This);
    public static readonly ValueSource Result = new(ValueSourceKind.Result);
    public static readonly ValueSource Exception = new(ValueSourceKind.Exception);
    public static readonly ValueSource StartTimestamp = new(ValueSourceKind.StartTimestamp);
    public static readonly ValueSource Hotspots = new(ValueSourceKind.Hotspots);
}
