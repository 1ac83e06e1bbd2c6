using System.Collections.ObjectModel;

namespace Diagnose.Expressions;

/// <summary>How expressions are bound: the global namespace and whether side effects are allowed.</summary>
internal sealed class ExpressionOptions
{
    /// <summary>The built-in globals: <c>len</c> and <c>mag</c>, as in diagnose.</summary>
    public static IReadOnlyDictionary<string, object?> BuiltinGlobals { get; } = new ReadOnlyDictionary<string, object?>(
        new Dictionary<string, object?>
        {
            ["len"] = Builtins.LenFunction,
            ["mag"] = Builtins.MagFunction,
        });

    public static ExpressionOptions Default { get; } = new();

    /// <summary>
    /// Allows any method call and any <c>new</c>, and assignments. Off by default: only side-effect-free members
    /// (see <see cref="AllowList"/>) may be called.
    /// </summary>
    public bool Unrestricted { get; init; }

    /// <summary>
    /// The manager's global namespace: delegates are callable functions, other values are constants.
    /// Defaults to <see cref="BuiltinGlobals"/>.
    /// </summary>
    public IReadOnlyDictionary<string, object?> Globals { get; init; } = BuiltinGlobals;
}
