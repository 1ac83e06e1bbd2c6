using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Collections.Immutable;
using System.Reflection.Metadata.Ecma335;

namespace Diagnose.Rewriting;

/// <summary>Decodes a raw method body (header, code, EH sections) into an <see cref="ILBody"/>.</summary>
internal sealed class ILDecoder
{
    private readonly Dictionary<int, ILInstruction> _byOffset = new();
    private readonly Dictionary<ILInstruction, int> _nextOffset = new();
    private readonly Dictionary<ILInstruction, int[]> _switchDeltas = new();
    private readonly ILBody _body = new();
    private int _codeSize;

    private ILDecoder()
    {
    }

    /// <summary>Decodes a body as the runtime or a PE file holds it.</summary>
    public static unsafe ILBody Decode(ReadOnlySpan<byte> rawBody)
    {
        fixed (byte* start = rawBody)
        {
            return Decode(MethodBodyBlock.Create(new BlobReader(start, rawBody.Length)));
        }
    }

    public static ILBody Decode(MethodBodyBlock block)
    {
        var decoder = new ILDecoder();
        decoder._body.MaxStack = block.MaxStack;
        decoder._body.LocalSignatureToken = block.LocalSignature.IsNil ? 0 : MetadataTokens.GetToken(block.LocalSignature);
        decoder._body.InitLocals = block.LocalVariablesInitialized;
        var code = block.GetILContent();
        decoder._codeSize = code.Length;
        decoder.ReadInstructions(code.AsSpan());
        decoder.ResolveBranches();
        decoder.ReadClauses(block.ExceptionRegions);
        return decoder._body;
    }

    private void ReadInstructions(ReadOnlySpan<byte> code)
    {
        var reader = new CodeReader(code);
        while (!reader.End)
        {
            var offset = reader.Position;
            var first = reader.U8();
            var opCode = (ILOpCode)(first == 0xFE ? 0xFE00 | reader.U8() : first);
            var instruction = new ILInstruction(opCode) { Offset = offset, OriginalOffset = offset };
            switch (OpCodeInfo.OperandTypeOf(opCode))
            {
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget:
                    instruction.Operand = (sbyte)reader.U8();
                    break;
                case OperandType.ShortInlineI:
                    // ldc.i4.s is signed; unaligned. is not.
                    instruction.Operand = opCode == ILOpCode.Ldc_i4_s ? (sbyte)reader.U8() : reader.U8();
                    break;
                case OperandType.ShortInlineVar:
                    instruction.Operand = reader.U8();
                    break;
                case OperandType.InlineVar:
                    instruction.Operand = reader.U16();
                    break;
                case OperandType.InlineI8:
                case OperandType.InlineR:
                    instruction.Operand = reader.I64();
                    break;
                case OperandType.InlineSwitch:
                    var count = reader.I32();
                    if (count < 0 || count > code.Length / 4)
                    {
                        throw new BadImageFormatException($"switch at IL_{offset:X4} has an impossible count {count}");
                    }

                    var deltas = new int[count];
                    for (var i = 0; i < count; i++)
                    {
                        deltas[i] = reader.I32();
                    }

                    _switchDeltas[instruction] = deltas;
                    break;
                default:
                    instruction.Operand = reader.I32();
                    break;
            }

            _byOffset[offset] = instruction;
            _nextOffset[instruction] = reader.Position;
            _body.Instructions.Add(instruction);
        }
    }

    private void ResolveBranches()
    {
        foreach (var instruction in _body.Instructions)
        {
            var next = _nextOffset[instruction];
            if (_switchDeltas.TryGetValue(instruction, out var deltas))
            {
                instruction.Targets = deltas.Select(d => At(next + d)).ToArray();
            }
            else if (OpCodeInfo.OperandTypeOf(instruction.OpCode) is OperandType.InlineBrTarget or OperandType.ShortInlineBrTarget)
            {
                instruction.Target = At(checked(next + (int)instruction.Operand));
                instruction.Operand = 0;
            }
        }
    }

    private void ReadClauses(ImmutableArray<ExceptionRegion> regions)
    {
        foreach (var region in regions)
        {
            _body.Clauses.Add(new ExceptionClause
            {
                Kind = region.Kind,
                TryStart = At(region.TryOffset),
                TryEnd = EndAt(region.TryOffset + region.TryLength),
                HandlerStart = At(region.HandlerOffset),
                HandlerEnd = EndAt(region.HandlerOffset + region.HandlerLength),
                FilterStart = region.Kind == ExceptionRegionKind.Filter ? At(region.FilterOffset) : null,
                CatchTypeToken = region.Kind == ExceptionRegionKind.Catch && !region.CatchType.IsNil
                    ? MetadataTokens.GetToken(region.CatchType)
                    : 0,
            });
        }
    }

    private ILInstruction At(int offset) =>
        _byOffset.TryGetValue(offset, out var instruction)
            ? instruction
            : throw new BadImageFormatException($"IL offset 0x{offset:X} is not the start of an instruction");

    private ILInstruction? EndAt(int offset) => offset == _codeSize ? null : At(offset);

    /// <summary>Little-endian reads over the code bytes; throws BadImageFormatException past the end.</summary>
    private ref struct CodeReader
    {
        private readonly ReadOnlySpan<byte> _code;

        public CodeReader(ReadOnlySpan<byte> code)
        {
            _code = code;
            Position = 0;
        }

        public int Position { get; private set; }

        public readonly bool End => Position >= _code.Length;

        public byte U8() => Take(1)[0];

        public ushort U16() => System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(Take(2));

        public int I32() => System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(Take(4));

        public long I64() => System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(Take(8));

        private ReadOnlySpan<byte> Take(int count)
        {
            if (Position + count > _code.Length)
            {
                throw new BadImageFormatException($"IL ends inside an instruction at 0x{Position:X}");
            }

            var slice = _code.Slice(Position, count);
            Position += count;
            return slice;
        }
    }
}
