namespace Diagnose.Rewriting;

/// <summary>How a value of a signature type can reach a hook.</summary>
internal enum TypeBlobKind
{
    /// <summary>A class, interface, string, object or array: passed as <c>object</c> (a reference conversion).</summary>
    Reference,

    /// <summary>A primitive, enum or struct not depending on generic parameters: passed by value, typed.</summary>
    Value,

    /// <summary>A generic parameter or a value type built on one: boxed with a TypeSpec, passed as <c>object</c>.</summary>
    GenericDependent,

    /// <summary>An unmanaged or function pointer: passed as <c>native int</c>.</summary>
    Pointer,

    /// <summary>A managed reference (<c>ref T</c>): the value it points to is read.</summary>
    ByReference,

    /// <summary>void, TypedReference, or anything else that cannot be passed.</summary>
    Unsupported,
}

/// <summary>The bytes of one type in a signature blob (custom modifiers included) and what kind of value it is.</summary>
internal sealed class TypeBlob
{
    public TypeBlob(byte[] bytes, TypeBlobKind kind, TypeBlob? element = null)
    {
        Bytes = bytes;
        Kind = kind;
        Element = element;
    }

    public byte[] Bytes { get; }

    public TypeBlobKind Kind { get; }

    /// <summary>For <see cref="TypeBlobKind.ByReference"/>: the type referred to.</summary>
    public TypeBlob? Element { get; }

    /// <summary>void, also with custom modifiers (an init accessor returns <c>modreq(IsExternalInit) void</c>).</summary>
    public bool IsVoid => Unmodified() is [(byte)SignatureTypeCode.Void];

    /// <summary>The blob without leading custom modifiers and <c>pinned</c> (what ldobj/box TypeSpecs need).</summary>
    public byte[] Unmodified() => Bytes.AsSpan(SignatureReader.ModifierLength(Bytes)).ToArray();

    public override string ToString() => $"{Kind} [{Convert.ToHexString(Bytes)}]";
}
