using System.Collections.Concurrent;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using Diagnose.Rewriting;

namespace Diagnose.Sites;

/// <summary>
/// Proves, from its IL, that an instrument's <c>Record</c> (numeric) or <c>Fire</c> runs no code but its own: no call of
/// any kind (a constructor is one), no allocation or cast (runtime helpers that can reach managed code), no throw (which
/// reaches first-chance handlers), no static field of a type with a static constructor. Such an instrument cannot reach a probed method, so its
/// sites need no re-entry guard (one thread-static lookup, which costs a helper call on .NET 10 linux-x64) even when
/// it did not say <see cref="Instrument.MayReenter"/> false. Anything the scan does not know counts as a call.
/// </summary>
internal static class CallFreeCode
{
    private static readonly ConcurrentDictionary<Type, bool> s_byType = new();

    /// <summary>True when the instrument's fire, as its own class implements it, provably calls nothing.</summary>
    public static bool Proven(Instrument instrument) => s_byType.GetOrAdd(instrument.GetType(), Scan);

    private static bool Scan(Type type)
    {
        var method = typeof(NumericInstrument).IsAssignableFrom(type)
            ? type.GetMethod("Record", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public, [typeof(double), typeof(IReadOnlyList<string>)])
            : type.GetMethod("Fire", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public, [typeof(object), typeof(IReadOnlyList<string>)]);
        try
        {
            return method?.GetMethodBody()?.GetILAsByteArray() is { } code && IsCallFree(code, method.Module);
        }
        catch (Exception error) when (error is ArgumentException or InvalidOperationException or InvalidProgramException or BadImageFormatException or MemberAccessException)
        {
            return false;
        }
    }

    /// <summary>True when the IL (code bytes only) has no call, allocation, throw or static access that could run code.</summary>
    internal static bool IsCallFree(ReadOnlySpan<byte> code, Module? module)
    {
        var position = 0;
        while (position < code.Length)
        {
            var first = code[position];
            var opCode = (ILOpCode)(first == 0xFE && position + 1 < code.Length ? 0xFE00 | code[position + 1] : first);
            position += OpCodeInfo.OpCodeSize(opCode);
            if (!OpCodeInfo.TryGet(opCode, out var info))
            {
                return false;
            }

            var operand = OpCodeInfo.OperandSize(info.OperandType);
            if (position + operand > code.Length || !Allowed(opCode, code, position, module))
            {
                return false;
            }

            if (info.OperandType == OperandType.InlineSwitch)
            {
                var targets = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(code[position..]);
                if (targets < 0 || targets > (code.Length - position - operand) / 4)
                {
                    return false;
                }

                operand += 4 * targets;
            }

            position += operand;
        }

        return position == code.Length;
    }

    private static bool Allowed(ILOpCode opCode, ReadOnlySpan<byte> code, int operandAt, Module? module)
    {
        switch (opCode)
        {
            case ILOpCode.Call or ILOpCode.Callvirt or ILOpCode.Calli or ILOpCode.Newobj or ILOpCode.Jmp
                or ILOpCode.Throw or ILOpCode.Rethrow or ILOpCode.Newarr or ILOpCode.Box or ILOpCode.Ldftn or ILOpCode.Ldvirtftn
                or ILOpCode.Localloc or ILOpCode.Mkrefany or ILOpCode.Castclass or ILOpCode.Unbox or ILOpCode.Unbox_any or ILOpCode.Ldtoken:
                return false;
            case ILOpCode.Ldsfld or ILOpCode.Ldsflda or ILOpCode.Stsfld:
                return module is not null && NoTypeInitializer(module, System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(code[operandAt..]));
            default:
                return true;
        }
    }

    private static bool NoTypeInitializer(Module module, int token)
    {
        var field = module.ResolveField(token);
        return field?.DeclaringType is { } owner && owner.TypeInitializer is null;
    }
}
