using System.Reflection.Emit;
using System.Reflection.Metadata;

namespace Diagnose.Rewriting;

/// <summary>Operand shapes of every IL opcode, read once from System.Reflection.Emit.OpCodes.</summary>
internal static class OpCodeInfo
{
    private static readonly Dictionary<ushort, OpCode> s_byValue = Build();

    public static bool TryGet(ILOpCode code, out OpCode opCode) => s_byValue.TryGetValue((ushort)code, out opCode);

    public static OperandType OperandTypeOf(ILOpCode code) =>
        s_byValue.TryGetValue((ushort)code, out var op) ? op.OperandType : throw new InvalidProgramException($"unknown opcode 0x{(ushort)code:X}");

    /// <summary>Size of the opcode itself (1 or 2 bytes).</summary>
    public static int OpCodeSize(ILOpCode code) => (ushort)code > 0xFF ? 2 : 1;

    /// <summary>Size of the fixed-size operand (switch: only its count field).</summary>
    public static int OperandSize(OperandType type) => type switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        _ => 4,
    };

    public static bool IsShortBranch(ILOpCode code) => OperandTypeOf(code) == OperandType.ShortInlineBrTarget;

    /// <summary>The long form of a short branch (br.s → br, leave.s → leave …).</summary>
    public static ILOpCode LongForm(ILOpCode shortBranch) => shortBranch switch
    {
        ILOpCode.Br_s => ILOpCode.Br,
        ILOpCode.Brfalse_s => ILOpCode.Brfalse,
        ILOpCode.Brtrue_s => ILOpCode.Brtrue,
        ILOpCode.Beq_s => ILOpCode.Beq,
        ILOpCode.Bge_s => ILOpCode.Bge,
        ILOpCode.Bgt_s => ILOpCode.Bgt,
        ILOpCode.Ble_s => ILOpCode.Ble,
        ILOpCode.Blt_s => ILOpCode.Blt,
        ILOpCode.Bne_un_s => ILOpCode.Bne_un,
        ILOpCode.Bge_un_s => ILOpCode.Bge_un,
        ILOpCode.Bgt_un_s => ILOpCode.Bgt_un,
        ILOpCode.Ble_un_s => ILOpCode.Ble_un,
        ILOpCode.Blt_un_s => ILOpCode.Blt_un,
        ILOpCode.Leave_s => ILOpCode.Leave,
        _ => shortBranch,
    };

    private static Dictionary<ushort, OpCode> Build()
    {
        var table = new Dictionary<ushort, OpCode>();
        foreach (var field in typeof(OpCodes).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static))
        {
            if (field.GetValue(null) is OpCode op)
            {
                table[unchecked((ushort)op.Value)] = op;
            }
        }

        return table;
    }
}
