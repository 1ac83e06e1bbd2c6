using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using Diagnose.Rewriting;
using NUnit.Framework;

namespace Diagnose.Tests.Rewriting;

/// <summary>
/// The instrumented-code map that goes with every rewritten body: sorted, every original instruction mapped to where
/// it landed, inserted code mapped to the nearest original instruction before it (the runtime rounds down).
/// </summary>
public sealed class ILOffsetMapTests
{
    private const nint Hook = 0x1234;

    public static IEnumerable<TestCaseData> Plans()
    {
        yield return new TestCaseData("call").SetName("ACallProbesMapIsSortedAndMapsEveryOriginalInstruction");
        yield return new TestCaseData("return").SetName("AReturnProbesMapIsSortedAndMapsEveryOriginalInstruction");
        yield return new TestCaseData("call+return+start").SetName("ACallReturnAndStartTimestampMapIsSortedAndMapsEveryOriginalInstruction");
        yield return new TestCaseData("hotspots").SetName("AHotspotsMapIsSortedAndMapsEveryOriginalInstruction");
    }

    [TestCaseSource(nameof(Plans))]
    public void EveryOriginalInstructionIsMappedOnceInOrder(string plan)
    {
        var original = Decode(nameof(Fixture));
        var offsets = original.Instructions.Select(i => i.Offset).ToList();

        var rewritten = Rewrite(plan);

        var map = rewritten.Map;
        var withoutPrologue = map[0] == new ILMapEntry(0, 0) && map.Count > 1 && map[1].OldOffset == 0 ? map.Skip(1).ToList() : map.ToList();
        Assert.That(withoutPrologue.Select(e => e.OldOffset), Is.EqualTo(offsets), "one entry per original instruction, in order");
        Assert.That(map.Select(e => e.OldOffset), Is.Ordered, "sorted by old offset");
        Assert.That(map.Select(e => e.NewOffset), Is.Ordered.And.Unique, "sorted by new offset");
        Assert.That(map[0], Is.EqualTo(new ILMapEntry(0, 0)), "the body's start maps to the original start");
    }

    [Test]
    public void EachEntryPointsAtTheOriginalInstructionItStandsFor()
    {
        var original = Decode(nameof(Fixture));

        var rewritten = Rewrite("call");

        var byNewOffset = ILDecoder.Decode(rewritten.IL).Instructions.ToDictionary(i => i.Offset);
        foreach (var entry in rewritten.Map.Skip(1))
        {
            var before = original.Instructions.Single(i => i.Offset == entry.OldOffset);
            var after = byNewOffset[entry.NewOffset];
            Assert.That((after.OpCode, after.Operand), Is.EqualTo((before.OpCode, before.Operand)), $"IL_{entry.OldOffset:X4} -> IL_{entry.NewOffset:X4}");
        }
    }

    [Test]
    public void InsertedCodeMapsToTheNearestOriginalInstructionBeforeIt()
    {
        var original = Decode(nameof(Fixture));
        var lastOriginal = original.Instructions[^1].Offset;

        var rewritten = Rewrite("call+return+start");

        var instructions = ILDecoder.Decode(rewritten.IL).Instructions;
        var firstOriginalAt = rewritten.Map[1].NewOffset;
        var lastOriginalAt = rewritten.Map[^1].NewOffset;
        Assert.That(firstOriginalAt, Is.GreaterThan(0), "precondition: a prologue was inserted");
        Assert.That(instructions.Where(i => i.Offset < firstOriginalAt).Select(i => ToOriginal(rewritten.Map, i.Offset)), Is.All.EqualTo(0), "the prologue maps to the method's first instruction");
        Assert.That(instructions.Where(i => i.Offset > lastOriginalAt).Select(i => ToOriginal(rewritten.Map, i.Offset)), Is.All.EqualTo(lastOriginal), "the epilogue, filter and fault map to the last original instruction");
    }

    [Test]
    public void ALineHookMapsToTheInstructionBeforeItAndTheMovedInstructionToItsOwnOffset()
    {
        var original = Decode(nameof(Fixture));
        var lines = Lines(original).Where(l => l.ILOffset > 0).ToList();

        var rewritten = Rewrite("hotspots");

        var instructions = ILDecoder.Decode(rewritten.IL).Instructions;
        Assert.That(lines, Is.Not.Empty, "precondition: lines after the first");
        foreach (var (offset, _) in lines)
        {
            var before = original.Instructions.Last(i => i.Offset < offset).Offset;
            var movedAt = rewritten.Map.Single(e => e.OldOffset == offset).NewOffset;
            var moved = instructions.Single(i => i.Offset == movedAt);
            Assert.That(moved.OpCode, Is.EqualTo(original.Instructions.Single(i => i.Offset == offset).OpCode).Or.EqualTo(ILOpCode.Stloc).Or.EqualTo(ILOpCode.Leave), $"IL_{offset:X4} is where the original instruction went");
            var hook = instructions.Where(i => i.Offset > rewritten.Map.Single(e => e.OldOffset == before).NewOffset && i.Offset < movedAt).ToList();
            Assert.That(hook.Select(i => i.OpCode), Does.Contain(ILOpCode.Calli), $"a hook precedes IL_{offset:X4}");
            Assert.That(hook.Select(i => ToOriginal(rewritten.Map, i.Offset)), Is.All.EqualTo(before), $"the hook of IL_{offset:X4} maps to IL_{before:X4}");
        }
    }

    [Test]
    public void ALineHookMidStatementMapsWithItsStatementToTheStatementsStart()
    {
        var method = typeof(ILOffsetMapTests).GetMethod(nameof(Scheduled), BindingFlags.NonPublic | BindingFlags.Static)!;
        var original = Decode(nameof(Scheduled));
        var callOffset = original.Instructions.First(i => i.OpCode == ILOpCode.Call).Offset; // its argument is on the stack
        var effects = Diagnose.Engine.CallEffects.For(method)!;
        var empty = StackDepths.WhereEmpty(Decode(nameof(Scheduled)), effects)!.Select(i => i.Offset).ToList();
        var plan = new ProbePlan
        {
            Return = new HookCall(2, Hook, [Hotspots()]),
            Lines = [(0, 1), (callOffset, 2)],
            HotspotsBeginFunction = Hook,
            HotspotsLineFunction = Hook,
            CallEffects = effects,
        };

        var rewritten = ProbeRewriter.Rewrite(original, Shape(method, original), plan, new FixedTokens());

        var statementStart = empty.Last(o => o < callOffset);

        var offsets = Decode(nameof(Scheduled)).Instructions.Select(i => i.Offset).ToList();
        Assert.That(rewritten.Map.Select(e => e.OldOffset).Distinct(), Is.EqualTo(offsets.Where(o => o <= statementStart || o > callOffset)), "the statement's instructions up to the hook are left out");
        var instructions = ILDecoder.Decode(rewritten.IL).Instructions;
        var movedCall = instructions.First(i => i.OpCode == ILOpCode.Call);
        var hookStart = instructions.Last(i => i.Offset < movedCall.Offset && i.OpCode is ILOpCode.Ldloc or ILOpCode.Ldloc_s);
        Assert.That(instructions.Where(i => i.Offset >= hookStart.Offset && i.Offset <= movedCall.Offset).Select(i => ToOriginal(rewritten.Map, i.Offset)), Is.All.EqualTo(statementStart));
    }

    [Test]
    public void OriginalInstructionsOutOfOrderAreRefused()
    {
        var first = new ILInstruction(ILOpCode.Nop) { Offset = 0, OriginalOffset = 1 };
        var second = new ILInstruction(ILOpCode.Ret) { Offset = 1, OriginalOffset = 0 };

        Assert.That(() => ILOffsetMap.Build([first, second]), Throws.InvalidOperationException.With.Message.Contains("IL_0000"));
    }

    [Test]
    public void ABodyThatBeginsWithAnOriginalInstructionHasNoExtraEntry()
    {
        var rewritten = Rewrite("return");

        Assert.That(rewritten.Map.Count(e => e.OldOffset == 0), Is.EqualTo(1));
    }

    /// <summary>The runtime's translation of a new offset (DebuggerMethodInfo::TranslateToInstIL, as documented for COR_IL_MAP).</summary>
    private static int ToOriginal(IReadOnlyList<ILMapEntry> map, int newOffset) => map.Last(e => e.NewOffset <= newOffset).OldOffset;

    private static RewrittenBody Rewrite(string plan)
    {
        var method = typeof(ILOffsetMapTests).GetMethod(nameof(Fixture), BindingFlags.NonPublic | BindingFlags.Static)!;
        var body = Decode(nameof(Fixture));
        var shape = Shape(method, body);
        var start = new Capture(ValueSource.StartTimestamp, new TypeBlob([(byte)Diagnose.Rewriting.SignatureTypeCode.I8], TypeBlobKind.Value), typeof(long), typeof(long));
        var hotspots = Hotspots();
        var probePlan = plan switch
        {
            "call" => new ProbePlan { Call = new HookCall(1, Hook, []) },
            "return" => new ProbePlan { Return = new HookCall(2, Hook, []) },
            "call+return+start" => new ProbePlan { Call = new HookCall(1, Hook, []), Return = new HookCall(2, Hook, [start]), TimestampFunction = Hook },
            "hotspots" => new ProbePlan { Return = new HookCall(2, Hook, [hotspots]), Lines = Lines(body), HotspotsBeginFunction = Hook, HotspotsLineFunction = Hook },
            _ => throw new ArgumentOutOfRangeException(nameof(plan)),
        };
        return ProbeRewriter.Rewrite(body, shape, probePlan, new FixedTokens());
    }

    private static Capture Hotspots() =>
        new(ValueSource.Hotspots, new TypeBlob([(byte)Diagnose.Rewriting.SignatureTypeCode.Object], TypeBlobKind.Reference), typeof(object), typeof(object));

    private static MethodShape Shape(MethodInfo method, ILBody body)
    {
        var localSignature = body.LocalSignatureToken == 0 ? null : method.Module.ResolveSignature(body.LocalSignatureToken);
        return MethodShape.Create(method, method.Module.ResolveSignature(method.MetadataToken), localSignature);
    }

    /// <summary>Stand-in sequence points: the method's start and every instruction after a branch.</summary>
    private static IReadOnlyList<(int ILOffset, int Line)> Lines(ILBody body) =>
        body.Instructions.Where((i, n) => n == 0 || body.Instructions[n - 1].Target is not null).Select((i, n) => (i.Offset, 10 + n)).ToList();

    private static ILBody Decode(string name)
    {
        var method = typeof(ILOffsetMapTests).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!;
        using var pe = new PEReader(File.OpenRead(method.Module.Assembly.Location));
        var reader = pe.GetMetadataReader();
        var definition = reader.GetMethodDefinition(MetadataTokens.MethodDefinitionHandle(method.MetadataToken));
        return ILDecoder.Decode(pe.GetMethodBody(definition.RelativeVirtualAddress));
    }

    private static int Fixture(int n)
    {
        var total = 0;
        for (var i = 0; i < n; i++)
        {
            if (i == 7)
            {
                return -1;
            }

            total += i;
        }

        if (total > 100)
        {
            throw new InvalidOperationException("too big");
        }

        return total;
    }

    private static int Scheduled(int x)
    {
        var y = x + 1;
        return Twice(y) + 1;
    }

    private static int Twice(int x) => 2 * x;

    private sealed class FixedTokens : IModuleTokens
    {
        public int GetTokenFromSig(byte[] signature) => 0x11000001;

        public int GetTokenFromTypeSpec(byte[] typeSignature) => 0x1B000001;
    }
}
