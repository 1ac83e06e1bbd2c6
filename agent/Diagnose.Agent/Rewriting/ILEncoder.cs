using System.Buffers.Binary;
using System.Reflection.Emit;
using System.Reflection.Metadata;

namespace Diagnose.Rewriting;

/// <summary>
/// Encodes an <see cref="ILBody"/> as a fat-header method body with fat EH sections (ECMA-335 II.25.4).
/// Short branches stay short when their displacement fits and are promoted to the long form otherwise.
/// </summary>
internal static class ILEncoder
{
    private const int FatHeaderSize = 12;
    private const ushort FatFormat = 0x3;
    private const ushort MoreSections = 0x8;
    private const ushort InitLocalsFlag = 0x10;
    private const byte SectionEHTable = 0x1;
    private const byte SectionFatFormat = 0x40;
    private const int FatClauseSize = 24;

    public static byte[] Encode(ILBody body)
    {
        var codeSize = Layout(body.Instructions);
        var hasClauses = body.Clauses.Count > 0;
        var codeEnd = FatHeaderSize + codeSize;
        var sectionStart = hasClauses ? Align4(codeEnd) : codeEnd;
        var total = hasClauses ? sectionStart + 4 + (FatClauseSize * body.Clauses.Count) : codeEnd;
        var bytes = new byte[total];

        var flags = (ushort)(FatFormat | (3 << 12) | (hasClauses ? MoreSections : 0) | (body.InitLocals ? InitLocalsFlag : 0));
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, flags);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(2), checked((ushort)body.MaxStack));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), codeSize);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), body.LocalSignatureToken);
        WriteCode(body.Instructions, bytes.AsSpan(FatHeaderSize, codeSize));
        if (hasClauses)
        {
            WriteClauses(body.Clauses, codeSize, bytes.AsSpan(sectionStart));
        }

        return bytes;
    }

    /// <summary>Assigns offsets, promoting short branches that do not reach; returns the code size.</summary>
    private static int Layout(List<ILInstruction> instructions)
    {
        while (true)
        {
            var offset = 0;
            foreach (var instruction in instructions)
            {
                instruction.Offset = offset;
                offset += SizeOf(instruction);
            }

            var promoted = false;
            foreach (var instruction in instructions)
            {
                if (instruction.Target is { } target && OpCodeInfo.IsShortBranch(instruction.OpCode))
                {
                    var delta = target.Offset - (instruction.Offset + SizeOf(instruction));
                    if (delta is < sbyte.MinValue or > sbyte.MaxValue)
                    {
                        instruction.OpCode = OpCodeInfo.LongForm(instruction.OpCode);
                        promoted = true;
                    }
                }
            }

            if (!promoted)
            {
                return offset;
            }
        }
    }

    private static int SizeOf(ILInstruction instruction)
    {
        var type = OpCodeInfo.OperandTypeOf(instruction.OpCode);
        var size = OpCodeInfo.OpCodeSize(instruction.OpCode) + OpCodeInfo.OperandSize(type);
        return type == OperandType.InlineSwitch ? size + (4 * Targets(instruction).Length) : size;
    }

    private static ILInstruction[] Targets(ILInstruction instruction) =>
        instruction.Targets ?? throw new InvalidProgramException($"switch at IL_{instruction.Offset:X4} has no targets");

    private static void WriteCode(List<ILInstruction> instructions, Span<byte> code)
    {
        var position = 0;
        foreach (var instruction in instructions)
        {
            var value = (ushort)instruction.OpCode;
            if (value > 0xFF)
            {
                code[position++] = 0xFE;
            }

            code[position++] = unchecked((byte)value);
            var type = OpCodeInfo.OperandTypeOf(instruction.OpCode);
            var next = instruction.Offset + SizeOf(instruction);
            var operand = code[position..];
            switch (type)
            {
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget:
                    operand[0] = unchecked((byte)checked((sbyte)(BranchTarget(instruction).Offset - next)));
                    break;
                case OperandType.InlineBrTarget:
                    BinaryPrimitives.WriteInt32LittleEndian(operand, BranchTarget(instruction).Offset - next);
                    break;
                case OperandType.ShortInlineI:
                case OperandType.ShortInlineVar:
                    operand[0] = unchecked((byte)instruction.Operand);
                    break;
                case OperandType.InlineVar:
                    BinaryPrimitives.WriteUInt16LittleEndian(operand, checked((ushort)instruction.Operand));
                    break;
                case OperandType.InlineI8:
                case OperandType.InlineR:
                    BinaryPrimitives.WriteInt64LittleEndian(operand, instruction.Operand);
                    break;
                case OperandType.InlineSwitch:
                    var targets = Targets(instruction);
                    BinaryPrimitives.WriteInt32LittleEndian(operand, targets.Length);
                    for (var i = 0; i < targets.Length; i++)
                    {
                        BinaryPrimitives.WriteInt32LittleEndian(operand[(4 + (4 * i))..], targets[i].Offset - next);
                    }

                    break;
                default:
                    BinaryPrimitives.WriteInt32LittleEndian(operand, unchecked((int)instruction.Operand));
                    break;
            }

            position = next;
        }
    }

    private static ILInstruction BranchTarget(ILInstruction instruction) =>
        instruction.Target ?? throw new InvalidProgramException($"branch at IL_{instruction.Offset:X4} has no target");

    private static void WriteClauses(List<ExceptionClause> clauses, int codeSize, Span<byte> section)
    {
        var dataSize = 4 + (FatClauseSize * clauses.Count);
        section[0] = SectionEHTable | SectionFatFormat;
        section[1] = (byte)dataSize;
        section[2] = (byte)(dataSize >> 8);
        section[3] = (byte)(dataSize >> 16);
        var position = 4;
        foreach (var clause in clauses)
        {
            var tryStart = clause.TryStart.Offset;
            var handlerStart = clause.HandlerStart.Offset;
            var clauseBytes = section.Slice(position, FatClauseSize);
            BinaryPrimitives.WriteInt32LittleEndian(clauseBytes, (int)clause.Kind);
            BinaryPrimitives.WriteInt32LittleEndian(clauseBytes[4..], tryStart);
            BinaryPrimitives.WriteInt32LittleEndian(clauseBytes[8..], OffsetOf(clause.TryEnd, codeSize) - tryStart);
            BinaryPrimitives.WriteInt32LittleEndian(clauseBytes[12..], handlerStart);
            BinaryPrimitives.WriteInt32LittleEndian(clauseBytes[16..], OffsetOf(clause.HandlerEnd, codeSize) - handlerStart);
            var last = clause.Kind switch
            {
                ExceptionRegionKind.Filter => (clause.FilterStart ?? throw new InvalidProgramException("filter clause without a filter block")).Offset,
                ExceptionRegionKind.Catch => clause.CatchTypeToken,
                _ => 0,
            };
            BinaryPrimitives.WriteInt32LittleEndian(clauseBytes[20..], last);
            position += FatClauseSize;
        }
    }

    private static int OffsetOf(ILInstruction? instruction, int codeSize) => instruction?.Offset ?? codeSize;

    private static int Align4(int value) => (value + 3) & ~3;
}
