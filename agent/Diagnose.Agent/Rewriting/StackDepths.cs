using System.Reflection.Emit;
using System.Reflection.Metadata;

namespace Diagnose.Rewriting;

/// <summary>
/// Where the evaluation stack of a method body is empty (ECMA-335 III.1.7.5: one depth per instruction, whichever
/// path reaches it). Optimized code has its IL-offset boundaries at such places, so this says where inserted code
/// would add a boundary the original did not have.
/// </summary>
internal static class StackDepths
{
    /// <summary>The instructions reached with an empty stack, or null when a call's effect is unknown or the IL is inconsistent.</summary>
    public static HashSet<ILInstruction>? WhereEmpty(ILBody body, Func<ILInstruction, CallEffect?> callEffect)
    {
        var instructions = body.Instructions;
        var index = new Dictionary<ILInstruction, int>();
        for (var i = 0; i < instructions.Count; i++)
        {
            index[instructions[i]] = i;
        }

        var depths = new Dictionary<ILInstruction, int>();
        var work = new Stack<(ILInstruction At, int Depth)>();
        work.Push((instructions[0], 0));
        foreach (var clause in body.Clauses)
        {
            var exceptionOnStack = clause.Kind is ExceptionRegionKind.Catch or ExceptionRegionKind.Filter ? 1 : 0;
            work.Push((clause.HandlerStart, exceptionOnStack));
            if (clause.FilterStart is { } filter)
            {
                work.Push((filter, 1));
            }
        }

        while (work.Count > 0)
        {
            var (at, depth) = work.Pop();
            for (var i = index[at]; i < instructions.Count; i++)
            {
                var instruction = instructions[i];
                if (depths.TryGetValue(instruction, out var known))
                {
                    if (known != depth)
                    {
                        return null;
                    }

                    break;
                }

                depths[instruction] = depth;
                if (Effect(instruction, callEffect) is not { } effect || depth < effect.Pops)
                {
                    return null;
                }

                depth = instruction.OpCode is ILOpCode.Leave or ILOpCode.Leave_s ? 0 : depth - effect.Pops + effect.Pushes;
                foreach (var target in instruction.Targets ?? (instruction.Target is { } t ? [t] : []))
                {
                    work.Push((target, depth));
                }

                if (EndsFlow(instruction.OpCode))
                {
                    break;
                }
            }
        }

        return depths.Where(d => d.Value == 0).Select(d => d.Key).ToHashSet();
    }

    private static bool EndsFlow(ILOpCode code) => code is ILOpCode.Br or ILOpCode.Br_s or ILOpCode.Leave or ILOpCode.Leave_s
        or ILOpCode.Ret or ILOpCode.Throw or ILOpCode.Rethrow or ILOpCode.Endfinally or ILOpCode.Endfilter or ILOpCode.Jmp;

    private static CallEffect? Effect(ILInstruction instruction, Func<ILInstruction, CallEffect?> callEffect)
    {
        if (instruction.OpCode is ILOpCode.Call or ILOpCode.Callvirt or ILOpCode.Calli or ILOpCode.Newobj)
        {
            return callEffect(instruction);
        }

        if (instruction.OpCode is ILOpCode.Ret or ILOpCode.Jmp)
        {
            return new CallEffect(0, 0); // the flow ends here; what it pops does not matter
        }

        if (!OpCodeInfo.TryGet(instruction.OpCode, out var op) || op.StackBehaviourPop == StackBehaviour.Varpop || op.StackBehaviourPush == StackBehaviour.Varpush)
        {
            return null;
        }

        return new CallEffect(Count(op.StackBehaviourPop.ToString(), "pop"), Count(op.StackBehaviourPush.ToString(), "push"));
    }

    /// <summary>"Popi_popi_popi" → 3, "Pop0" → 0, "Push1_push1" → 2.</summary>
    private static int Count(string behaviour, string verb) =>
        behaviour.Equals(verb + "0", StringComparison.OrdinalIgnoreCase) ? 0 : behaviour.Split('_').Count(p => p.StartsWith(verb, StringComparison.OrdinalIgnoreCase));
}
