using System.Reflection.Metadata;

namespace Diagnose.Rewriting;

/// <summary>Splits method and local-variable signature blobs (ECMA-335 II.23.2) into per-type byte slices.</summary>
internal static class SignatureReader
{
    private const byte LocalSignatureHeader = 0x07;
    private const byte GenericFlag = 0x10;
    private const byte HasThisFlag = 0x20;
    private const int VarArgConvention = 0x05;

    /// <summary>The return type and parameter types of a MethodDef/MemberRef signature.</summary>
    public static unsafe MethodSignatureBlobs ReadMethod(byte[] signature)
    {
        fixed (byte* start = signature)
        {
            var reader = new BlobReader(start, signature.Length);
            var header = reader.ReadByte();
            if ((header & 0x0F) == VarArgConvention)
            {
                throw new NotSupportedException("vararg (__arglist) methods are not supported");
            }

            if ((header & 0x0F) > VarArgConvention)
            {
                throw new BadImageFormatException($"not a method signature (header 0x{header:X2})");
            }

            var genericCount = (header & GenericFlag) != 0 ? reader.ReadCompressedInteger() : 0;
            var count = reader.ReadCompressedInteger();
            var returnType = ReadType(ref reader, signature, start);
            var parameters = new TypeBlob[count];
            for (var i = 0; i < count; i++)
            {
                parameters[i] = ReadType(ref reader, signature, start);
            }

            return new MethodSignatureBlobs((header & HasThisFlag) != 0, genericCount, returnType, parameters);
        }
    }

    /// <summary>The local variable types of a LocalVarSig blob.</summary>
    public static unsafe TypeBlob[] ReadLocals(byte[] signature)
    {
        fixed (byte* start = signature)
        {
            var reader = new BlobReader(start, signature.Length);
            if (reader.ReadByte() != LocalSignatureHeader)
            {
                throw new BadImageFormatException("not a local variable signature");
            }

            var count = reader.ReadCompressedInteger();
            var locals = new TypeBlob[count];
            for (var i = 0; i < count; i++)
            {
                locals[i] = ReadType(ref reader, signature, start);
            }

            return locals;
        }
    }

    /// <summary>A LocalVarSig blob of the given local types.</summary>
    public static byte[] WriteLocals(IReadOnlyList<TypeBlob> locals)
    {
        var bytes = new List<byte> { LocalSignatureHeader };
        WriteCompressed(bytes, locals.Count);
        foreach (var local in locals)
        {
            bytes.AddRange(local.Bytes);
        }

        return bytes.ToArray();
    }

    /// <summary>A static method signature (DEFAULT calling convention) returning void, for calli.</summary>
    public static byte[] WriteStaticCall(IReadOnlyList<byte[]> parameters, byte[]? returnType = null)
    {
        var bytes = new List<byte> { 0x00 };
        WriteCompressed(bytes, parameters.Count);
        bytes.AddRange(returnType ?? [(byte)SignatureTypeCode.Void]);
        foreach (var parameter in parameters)
        {
            bytes.AddRange(parameter);
        }

        return bytes.ToArray();
    }

    public static void WriteCompressed(List<byte> bytes, int value)
    {
        if (value < 0x80)
        {
            bytes.Add((byte)value);
        }
        else if (value < 0x4000)
        {
            bytes.Add((byte)(0x80 | (value >> 8)));
            bytes.Add((byte)value);
        }
        else
        {
            bytes.Add((byte)(0xC0 | (value >> 24)));
            bytes.Add((byte)(value >> 16));
            bytes.Add((byte)(value >> 8));
            bytes.Add((byte)value);
        }
    }

    /// <summary>Reads one compressed unsigned integer (ECMA-335 II.23.2) from the start of <paramref name="bytes"/>.</summary>
    public static int ReadCompressed(ReadOnlySpan<byte> bytes) => (bytes[0] & 0x80) == 0
        ? bytes[0]
        : (bytes[0] & 0xC0) == 0x80
            ? ((bytes[0] & 0x3F) << 8) | bytes[1]
            : ((bytes[0] & 0x1F) << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3];

    /// <summary>Length of the leading custom modifiers and pinned markers of a type blob.</summary>
    public static unsafe int ModifierLength(byte[] type)
    {
        fixed (byte* start = type)
        {
            var reader = new BlobReader(start, type.Length);
            SkipModifiers(ref reader);
            return reader.Offset;
        }
    }

    private static unsafe TypeBlob ReadType(ref BlobReader reader, byte[] signature, byte* start)
    {
        var from = reader.Offset;
        SkipModifiers(ref reader);
        var code = (SignatureTypeCode)reader.ReadByte();
        TypeBlob? element = null;
        var kind = code switch
        {
            SignatureTypeCode.Void or SignatureTypeCode.TypedReference => TypeBlobKind.Unsupported,
            SignatureTypeCode.String or SignatureTypeCode.Object => TypeBlobKind.Reference,
            >= SignatureTypeCode.Boolean and <= SignatureTypeCode.R8 => TypeBlobKind.Value,
            SignatureTypeCode.IntPtr or SignatureTypeCode.UIntPtr => TypeBlobKind.Value,
            _ => TypeBlobKind.Unsupported,
        };
        switch (code)
        {
            case SignatureTypeCode.ValueType:
                reader.ReadTypeHandle();
                kind = TypeBlobKind.Value;
                break;
            case SignatureTypeCode.Class:
                reader.ReadTypeHandle();
                kind = TypeBlobKind.Reference;
                break;
            case SignatureTypeCode.GenericTypeParameter:
            case SignatureTypeCode.GenericMethodParameter:
                reader.ReadCompressedInteger();
                kind = TypeBlobKind.GenericDependent;
                break;
            case SignatureTypeCode.SZArray:
                SkipType(ref reader);
                kind = TypeBlobKind.Reference;
                break;
            case SignatureTypeCode.Array:
                SkipType(ref reader);
                SkipArrayShape(ref reader);
                kind = TypeBlobKind.Reference;
                break;
            case SignatureTypeCode.Pointer:
                SkipType(ref reader);
                kind = TypeBlobKind.Pointer;
                break;
            case SignatureTypeCode.FunctionPointer:
                SkipMethodSignature(ref reader);
                kind = TypeBlobKind.Pointer;
                break;
            case SignatureTypeCode.ByReference:
                element = ReadType(ref reader, signature, start);
                kind = TypeBlobKind.ByReference;
                break;
            case SignatureTypeCode.GenericTypeInstance:
                var isValueType = (SignatureTypeCode)reader.ReadByte() == SignatureTypeCode.ValueType;
                reader.ReadTypeHandle();
                var argumentsFrom = reader.Offset;
                var count = reader.ReadCompressedInteger();
                for (var i = 0; i < count; i++)
                {
                    SkipType(ref reader);
                }

                var dependsOnGenerics = ContainsGenericParameter(signature.AsSpan(argumentsFrom, reader.Offset - argumentsFrom));
                kind = !isValueType ? TypeBlobKind.Reference : dependsOnGenerics ? TypeBlobKind.GenericDependent : TypeBlobKind.Value;
                break;
        }

        return new TypeBlob(signature.AsSpan(from, reader.Offset - from).ToArray(), kind, element);
    }

    private static SignatureTypeCode PeekCode(ref BlobReader reader)
    {
        var copy = reader;
        return (SignatureTypeCode)copy.ReadByte();
    }

    private static void SkipModifiers(ref BlobReader reader)
    {
        while (reader.RemainingBytes > 0)
        {
            var code = PeekCode(ref reader);
            if (code is SignatureTypeCode.RequiredModifier or SignatureTypeCode.OptionalModifier)
            {
                reader.ReadByte();
                reader.ReadTypeHandle();
            }
            else if (code == SignatureTypeCode.Pinned)
            {
                reader.ReadByte();
            }
            else
            {
                return;
            }
        }
    }

    private static void SkipType(ref BlobReader reader)
    {
        SkipModifiers(ref reader);
        var code = (SignatureTypeCode)reader.ReadByte();
        switch (code)
        {
            case SignatureTypeCode.ValueType:
            case SignatureTypeCode.Class:
                reader.ReadTypeHandle();
                break;
            case SignatureTypeCode.GenericTypeParameter:
            case SignatureTypeCode.GenericMethodParameter:
                reader.ReadCompressedInteger();
                break;
            case SignatureTypeCode.SZArray:
            case SignatureTypeCode.Pointer:
            case SignatureTypeCode.ByReference:
                SkipType(ref reader);
                break;
            case SignatureTypeCode.Array:
                SkipType(ref reader);
                SkipArrayShape(ref reader);
                break;
            case SignatureTypeCode.FunctionPointer:
                SkipMethodSignature(ref reader);
                break;
            case SignatureTypeCode.GenericTypeInstance:
                reader.ReadByte();
                reader.ReadTypeHandle();
                var count = reader.ReadCompressedInteger();
                for (var i = 0; i < count; i++)
                {
                    SkipType(ref reader);
                }

                break;
            default:
                if (code is < SignatureTypeCode.Void or > SignatureTypeCode.Object && code != SignatureTypeCode.TypedReference)
                {
                    throw new BadImageFormatException($"unexpected element type 0x{(byte)code:X2} in a signature");
                }

                break;
        }
    }

    private static void SkipArrayShape(ref BlobReader reader)
    {
        reader.ReadCompressedInteger(); // rank
        var sizes = reader.ReadCompressedInteger();
        for (var i = 0; i < sizes; i++)
        {
            reader.ReadCompressedInteger();
        }

        var lowerBounds = reader.ReadCompressedInteger();
        for (var i = 0; i < lowerBounds; i++)
        {
            reader.ReadCompressedSignedInteger();
        }
    }

    private static void SkipMethodSignature(ref BlobReader reader)
    {
        var header = reader.ReadByte();
        if ((header & GenericFlag) != 0)
        {
            reader.ReadCompressedInteger();
        }

        var count = reader.ReadCompressedInteger();
        SkipType(ref reader);
        for (var i = 0; i < count; i++)
        {
            if (PeekCode(ref reader) == SignatureTypeCode.Sentinel)
            {
                reader.ReadByte();
            }

            SkipType(ref reader);
        }
    }

    private static unsafe bool ContainsGenericParameter(ReadOnlySpan<byte> arguments)
    {
        fixed (byte* start = arguments)
        {
            var reader = new BlobReader(start, arguments.Length);
            var count = reader.ReadCompressedInteger();
            for (var i = 0; i < count; i++)
            {
                if (TypeContainsGenericParameter(ref reader))
                {
                    return true;
                }
            }

            return false;
        }
    }

    private static bool TypeContainsGenericParameter(ref BlobReader reader)
    {
        SkipModifiers(ref reader);
        var code = (SignatureTypeCode)reader.ReadByte();
        switch (code)
        {
            case SignatureTypeCode.GenericTypeParameter:
            case SignatureTypeCode.GenericMethodParameter:
                reader.ReadCompressedInteger();
                return true;
            case SignatureTypeCode.ValueType:
            case SignatureTypeCode.Class:
                reader.ReadTypeHandle();
                return false;
            case SignatureTypeCode.SZArray:
            case SignatureTypeCode.Pointer:
            case SignatureTypeCode.ByReference:
                return TypeContainsGenericParameter(ref reader);
            case SignatureTypeCode.Array:
                var inElement = TypeContainsGenericParameter(ref reader);
                SkipArrayShape(ref reader);
                return inElement;
            case SignatureTypeCode.FunctionPointer:
                SkipMethodSignature(ref reader);
                return false;
            case SignatureTypeCode.GenericTypeInstance:
                reader.ReadByte();
                reader.ReadTypeHandle();
                var count = reader.ReadCompressedInteger();
                var any = false;
                for (var i = 0; i < count; i++)
                {
                    any |= TypeContainsGenericParameter(ref reader);
                }

                return any;
            default:
                return false;
        }
    }
}
