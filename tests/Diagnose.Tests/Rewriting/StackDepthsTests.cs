using System.Reflection.Metadata;
using Diagnose.Rewriting;
using NUnit.Framework;

namespace Diagnose.Tests.Rewriting;

/// <summary>Where a body's evaluation stack is empty: the places optimized code has its IL-offset boundaries.</summary>
public sealed class StackDepthsTests
{
    private static readonly Func<ILInstruction, CallEffect?> s_oneInOneOut = _ => new CallEffect(1, 1);

    [Test]
    public void AValueKeptOnTheStackAcrossACallMakesTheCallMidStatement()
    {
        // x + 1 stays on the stack into the call: return Twice(x + 1) + 1;
        var body = Body(
            new(ILOpCode.Ldarg_0), new(ILOpCode.Ldc_i4_1), new(ILOpCode.Add), new(ILOpCode.Call, 0x06000001),
            new(ILOpCode.Ldc_i4_1), new(ILOpCode.Add), new(ILOpCode.Ret));

        var empty = StackDepths.WhereEmpty(body, s_oneInOneOut);

        Assert.That(empty, Is.EquivalentTo(new[] { body.Instructions[0] }));
    }

    [Test]
    public void BranchTargetsAndStatementsAfterAStoreAreEmpty()
    {
        var ret = new ILInstruction(ILOpCode.Ret);
        var load = new ILInstruction(ILOpCode.Ldloc_0);
        var body = Body(
            new(ILOpCode.Ldarg_0), new(ILOpCode.Stloc_0), new(ILOpCode.Ldarg_0), ILInstruction.Branch(ILOpCode.Brfalse_s, load),
            new(ILOpCode.Ldc_i4_2), new(ILOpCode.Stloc_0), load, ret);

        var empty = StackDepths.WhereEmpty(body, s_oneInOneOut);

        Assert.That(empty, Is.EquivalentTo(new[] { body.Instructions[0], body.Instructions[2], body.Instructions[4], load }));
    }

    [Test]
    public void ACatchHandlerStartsWithTheExceptionOnTheStack()
    {
        var leaveTarget = new ILInstruction(ILOpCode.Ret);
        var handler = new ILInstruction(ILOpCode.Pop);
        var body = Body(
            new(ILOpCode.Nop), ILInstruction.Branch(ILOpCode.Leave_s, leaveTarget),
            handler, ILInstruction.Branch(ILOpCode.Leave_s, leaveTarget), leaveTarget);
        body.Clauses.Add(new ExceptionClause { Kind = ExceptionRegionKind.Catch, TryStart = body.Instructions[0], TryEnd = handler, HandlerStart = handler, HandlerEnd = leaveTarget, CatchTypeToken = 0x01000001 });

        var empty = StackDepths.WhereEmpty(body, s_oneInOneOut);

        Assert.That(empty, Does.Not.Contain(handler));
        Assert.That(empty, Does.Contain(body.Instructions[3]).And.Contain(leaveTarget));
    }

    [Test]
    public void AnUnknownCallGivesNoAnswer()
    {
        var body = Body(new(ILOpCode.Call, 0x0A000001), new(ILOpCode.Ret));

        Assert.That(StackDepths.WhereEmpty(body, _ => null), Is.Null);
    }

    private static ILBody Body(params ILInstruction[] instructions)
    {
        var body = new ILBody { MaxStack = 8 };
        body.Instructions.AddRange(instructions);
        return body;
    }
}
