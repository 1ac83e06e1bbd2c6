using System.Reflection;

namespace Diagnose.Rewriting;

/// <summary>
/// What the rewriter and the hook compiler need to know about one method: its signature and locals as blobs
/// (in the module's own tokens) and as reflection types, and how each value can be captured.
/// </summary>
internal sealed class MethodShape
{
    private readonly Type?[] _localTypes;

    private MethodShape(MethodBase method, MethodSignatureBlobs signature, TypeBlob[] locals, Type?[] localTypes)
    {
        Method = method;
        Signature = signature;
        Locals = locals;
        _localTypes = localTypes;
    }

    public MethodBase Method { get; }

    public MethodSignatureBlobs Signature { get; }

    /// <summary>The original local variables.</summary>
    public IReadOnlyList<TypeBlob> Locals { get; }

    public bool HasThis => Signature.HasThis;

    public bool ReturnsValue => !Signature.ReturnType.IsVoid;

    public int ArgumentCount => Signature.Parameters.Length;

    /// <summary>IL argument slot of parameter <paramref name="index"/> (slot 0 is <c>this</c> for instance methods).</summary>
    public int ArgumentSlot(int index) => index + (HasThis ? 1 : 0);

    /// <param name="method">The method, as reflection sees it.</param>
    /// <param name="methodSignature">The MethodDef signature blob.</param>
    /// <param name="localSignature">The LocalVarSig blob, or null when the method has no locals.</param>
    public static MethodShape Create(MethodBase method, byte[] methodSignature, byte[]? localSignature)
    {
        var signature = SignatureReader.ReadMethod(methodSignature);
        var locals = localSignature is null ? [] : SignatureReader.ReadLocals(localSignature);
        var localTypes = new Type?[locals.Length];
        var reflected = method.GetMethodBody()?.LocalVariables;
        if (reflected is not null && reflected.Count == locals.Length)
        {
            foreach (var local in reflected)
            {
                localTypes[local.LocalIndex] = local.LocalType;
            }
        }

        return new MethodShape(method, signature, locals, localTypes);
    }

    public Capture Capture(ValueSource source) => source.Kind switch
    {
        ValueSourceKind.Argument => Classify(source, Signature.Parameters[source.Index], ParameterType(source.Index)),
        ValueSourceKind.This => Classify(source, ThisBlob(), Method.DeclaringType),
        ValueSourceKind.Result => Classify(source, Signature.ReturnType, (Method as MethodInfo)?.ReturnType),
        ValueSourceKind.Exception => new Capture(source, new TypeBlob([(byte)SignatureTypeCode.Object], TypeBlobKind.Reference), typeof(object), typeof(Exception)),
        ValueSourceKind.StartTimestamp => new Capture(source, new TypeBlob([(byte)SignatureTypeCode.I8], TypeBlobKind.Value), typeof(long), typeof(long)),
        ValueSourceKind.Local => Classify(source, Locals[source.Index], _localTypes[source.Index]),
        ValueSourceKind.Hotspots => new Capture(source, new TypeBlob([(byte)SignatureTypeCode.Object], TypeBlobKind.Reference), typeof(object), typeof(object)),
        _ => throw new ArgumentOutOfRangeException(nameof(source)),
    };

    private Type ParameterType(int index) => Method.GetParameters()[index].ParameterType;

    /// <summary>The type of <c>this</c>: the declaring class as object, or the declaring struct (an instance over its own generic parameters).</summary>
    private TypeBlob ThisBlob()
    {
        var type = Method.DeclaringType ?? throw new InvalidOperationException($"{Method.Name} has no declaring type");
        if (!type.IsValueType)
        {
            return new TypeBlob([(byte)SignatureTypeCode.Object], TypeBlobKind.Reference);
        }

        var bytes = new List<byte>();
        var arity = type.IsGenericType ? type.GetGenericArguments().Length : 0;
        if (arity > 0)
        {
            bytes.Add((byte)SignatureTypeCode.GenericTypeInstance);
        }

        bytes.Add((byte)SignatureTypeCode.ValueType);
        SignatureReader.WriteCompressed(bytes, TypeDefOrRefEncoded(type.MetadataToken));
        if (arity > 0)
        {
            SignatureReader.WriteCompressed(bytes, arity);
            for (var i = 0; i < arity; i++)
            {
                bytes.Add((byte)SignatureTypeCode.GenericTypeParameter);
                SignatureReader.WriteCompressed(bytes, i);
            }
        }

        return new TypeBlob(bytes.ToArray(), arity > 0 ? TypeBlobKind.GenericDependent : TypeBlobKind.Value);
    }

    /// <summary>TypeDefOrRefOrSpecEncoded (ECMA-335 II.23.2.8) of a TypeDef token.</summary>
    private static int TypeDefOrRefEncoded(int typeDefToken) => (typeDefToken & 0x00FFFFFF) << 2;

    private static Capture Classify(ValueSource source, TypeBlob blob, Type? type)
    {
        var valueBlob = blob.Element ?? blob;
        var valueType = type is { IsByRef: true } ? type.GetElementType() : type;
        if (blob.Kind == TypeBlobKind.ByReference && valueBlob.Kind == TypeBlobKind.ByReference)
        {
            return Unavailable(source, blob, "is a reference to a reference");
        }

        switch (valueBlob.Kind)
        {
            case TypeBlobKind.Reference:
                var visible = valueType is null || valueType.ContainsGenericParameters ? typeof(object) : valueType;
                return new Capture(source, blob, typeof(object), visible);
            case TypeBlobKind.Value when valueType is null || valueType.ContainsGenericParameters:
                return Unavailable(source, blob, "has a type that reflection cannot describe");
            case TypeBlobKind.Value when valueType.IsByRefLike:
                return Unavailable(source, blob, $"is a ref struct ({valueType.Name}), which cannot leave the method");
            case TypeBlobKind.Value:
                return new Capture(source, blob, valueType, valueType);
            case TypeBlobKind.GenericDependent:
                return valueType is { IsByRefLike: true }
                    ? Unavailable(source, blob, $"is a ref struct ({valueType.Name}), which cannot leave the method")
                    : new Capture(source, blob, typeof(object), typeof(object));
            case TypeBlobKind.Pointer:
                return new Capture(source, blob, typeof(IntPtr), typeof(IntPtr));
            default:
                return Unavailable(source, blob, blob.IsVoid ? "does not exist (void)" : "has a type that cannot be captured (TypedReference)");
        }
    }

    private static Capture Unavailable(ValueSource source, TypeBlob blob, string reason) =>
        new(source, blob, typeof(object), typeof(object), reason);
}
