namespace Diagnose.Expressions;

/// <summary>
/// What binding rules need besides the tree: the source (for error messages), whether side effects are allowed,
/// and whether a missing member may be looked up at run time (false while compiling a late-bound accessor).
/// </summary>
internal sealed class BindContext(string source, bool unrestricted, bool lateBinding = true)
{
    public string Source { get; } = source;

    public bool Unrestricted { get; } = unrestricted;

    public bool LateBinding { get; } = lateBinding;

    public ExpressionException Error(string reason, int position) => new(reason, position, Source);

    /// <summary>The same rules without late binding, for the accessors compiled at run time on concrete types.</summary>
    public BindContext ForRuntimeTypes() => LateBinding ? new BindContext(Source, Unrestricted, false) : this;
}
