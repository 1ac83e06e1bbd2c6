namespace Diagnose.Rewriting;

/// <summary>A method signature split into its return type and parameter types.</summary>
internal sealed record MethodSignatureBlobs(bool HasThis, int GenericParameterCount, TypeBlob ReturnType, TypeBlob[] Parameters);
