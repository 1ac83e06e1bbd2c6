namespace Diagnose.Rewriting;

/// <summary>How a call, callvirt, calli or newobj changes the evaluation stack: what it pops and what it pushes.</summary>
internal readonly record struct CallEffect(int Pops, int Pushes)
{
    /// <summary>The effect of calling a method of this signature with <paramref name="opCode"/>.</summary>
    public static CallEffect Of(System.Reflection.Metadata.ILOpCode opCode, MethodSignatureBlobs signature) => opCode switch
    {
        System.Reflection.Metadata.ILOpCode.Newobj => new CallEffect(signature.Parameters.Length, 1),
        System.Reflection.Metadata.ILOpCode.Calli => new CallEffect(signature.Parameters.Length + (signature.HasThis ? 1 : 0) + 1, signature.ReturnType.IsVoid ? 0 : 1),
        _ => new CallEffect(signature.Parameters.Length + (signature.HasThis ? 1 : 0), signature.ReturnType.IsVoid ? 0 : 1),
    };
}
