namespace Diagnose.Rewriting;

/// <summary>
/// How one value reaches a hook: the type it has in the IL (<see cref="Blob"/>), the type of the hook's generic
/// parameter that receives it (<see cref="HookType"/>: <c>object</c> for references and boxed values, the value type
/// itself otherwise), and the type expressions see (<see cref="StaticType"/>). <see cref="Unavailable"/> says why a
/// value cannot be captured (a ref struct, a TypedReference…), null when it can.
/// </summary>
internal sealed record Capture(
    ValueSource Source,
    TypeBlob Blob,
    Type HookType,
    Type StaticType,
    string? Unavailable = null)
{
    /// <summary>The value is read through a managed reference (a <c>ref</c>/<c>out</c>/<c>in</c> parameter).</summary>
    public bool Dereference => Blob.Kind == TypeBlobKind.ByReference;

    /// <summary>The blob of the value itself (the referred-to type for a managed reference).</summary>
    public TypeBlob ValueBlob => Blob.Element ?? Blob;
}
