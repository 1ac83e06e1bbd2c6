namespace Diagnose.Rewriting;

/// <summary>Makes metadata tokens in the target method's module (the profiler in production, a fake in tests).</summary>
internal interface IModuleTokens
{
    /// <summary>A StandAloneSig token for a signature blob (locals, calli call sites).</summary>
    int GetTokenFromSig(byte[] signature);

    /// <summary>A TypeSpec token for a type blob.</summary>
    int GetTokenFromTypeSpec(byte[] typeSignature);
}
