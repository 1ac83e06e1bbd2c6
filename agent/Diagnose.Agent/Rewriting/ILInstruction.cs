using System.Reflection.Metadata;

namespace Diagnose.Rewriting;

/// <summary>
/// One IL instruction. Branch targets are other instructions (never offsets), so instructions can be inserted,
/// removed or re-sized and the encoder recomputes every displacement.
/// </summary>
internal sealed class ILInstruction
{
    public ILInstruction(ILOpCode opCode, long operand = 0)
    {
        OpCode = opCode;
        Operand = operand;
    }

    public ILOpCode OpCode { get; set; }

    /// <summary>Immediate, token, argument/local index, or the bit pattern of a float/double constant.</summary>
    public long Operand { get; set; }

    /// <summary>Target of a branch or leave instruction.</summary>
    public ILInstruction? Target { get; set; }

    /// <summary>Targets of a switch instruction.</summary>
    public ILInstruction[]? Targets { get; set; }

    /// <summary>Offset in the body it was decoded from, or where the encoder last placed it.</summary>
    public int Offset { get; set; }

    /// <summary>
    /// The offset in the original body of the instruction this one is (or replaced it, as a <c>stloc</c> replaces a
    /// <c>ret</c>); null for inserted instructions, which map to the original instruction before them.
    /// </summary>
    public int? OriginalOffset { get; set; }

    public static ILInstruction Branch(ILOpCode opCode, ILInstruction target) => new(opCode) { Target = target };

    public override string ToString()
    {
        var name = OpCode.ToString().ToLowerInvariant().Replace('_', '.');
        if (Target is not null)
        {
            return $"IL_{Offset:X4}: {name} IL_{Target.Offset:X4}";
        }

        if (Targets is not null)
        {
            return $"IL_{Offset:X4}: {name} ({string.Join(", ", Targets.Select(t => $"IL_{t.Offset:X4}"))})";
        }

        return OpCodeInfo.OperandSize(OpCodeInfo.OperandTypeOf(OpCode)) == 0
            ? $"IL_{Offset:X4}: {name}"
            : $"IL_{Offset:X4}: {name} 0x{Operand:X}";
    }
}
