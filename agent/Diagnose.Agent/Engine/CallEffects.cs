using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using Diagnose.Rewriting;

namespace Diagnose.Engine;

/// <summary>
/// The stack effect of each call in a method's IL, read from the signatures in its module's metadata (nothing is
/// resolved, so no assembly or type is loaded).
/// </summary>
internal static class CallEffects
{
    /// <summary>The effects for calls in <paramref name="method"/>'s IL, or null when its module's metadata cannot be read.</summary>
    public static unsafe Func<ILInstruction, CallEffect?>? For(MethodBase method)
    {
        if (method.Module != method.Module.Assembly.ManifestModule || !method.Module.Assembly.TryGetRawMetadata(out var blob, out var length))
        {
            return null;
        }

        var reader = new MetadataReader(blob, length);
        return instruction =>
        {
            try
            {
                return CallEffect.Of(instruction.OpCode, SignatureReader.ReadMethod(SignatureOf(reader, (int)instruction.Operand)));
            }
            catch (Exception e) when (e is BadImageFormatException or ArgumentException or InvalidOperationException or IndexOutOfRangeException)
            {
                return null;
            }
        };
    }

    private static byte[] SignatureOf(MetadataReader reader, int token)
    {
        var handle = MetadataTokens.EntityHandle(token);
        return handle.Kind switch
        {
            HandleKind.MethodDefinition => reader.GetBlobBytes(reader.GetMethodDefinition((MethodDefinitionHandle)handle).Signature),
            HandleKind.MemberReference => reader.GetBlobBytes(reader.GetMemberReference((MemberReferenceHandle)handle).Signature),
            HandleKind.MethodSpecification => SignatureOf(reader, MetadataTokens.GetToken(reader.GetMethodSpecification((MethodSpecificationHandle)handle).Method)),
            HandleKind.StandaloneSignature => reader.GetBlobBytes(reader.GetStandaloneSignature((StandaloneSignatureHandle)handle).Signature),
            _ => throw new BadImageFormatException($"token 0x{token:X8} is not a method or call-site signature"),
        };
    }
}
