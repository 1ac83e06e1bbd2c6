using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using Diagnose.Rewriting;
using NUnit.Framework;

namespace Diagnose.Tests.Rewriting;

/// <summary>Every method body of real assemblies survives decode → encode unchanged.</summary>
public sealed class ILRoundTripTests
{
    private static IEnumerable<TestCaseData> Assemblies()
    {
        yield return new TestCaseData(typeof(System.Text.Json.JsonSerializer).Assembly.Location).SetName("SystemTextJsonBodiesRoundTripUnchanged");
        yield return new TestCaseData(typeof(Newtonsoft.Json.JsonConvert).Assembly.Location).SetName("NewtonsoftJsonBodiesRoundTripUnchanged");
        yield return new TestCaseData(typeof(System.Linq.Enumerable).Assembly.Location).SetName("SystemLinqBodiesRoundTripUnchanged");
    }

    [TestCaseSource(nameof(Assemblies))]
    public void EveryBodyDecodesAndEncodesToTheSameInstructionsAndClauses(string path)
    {
        using var pe = new PEReader(File.OpenRead(path));
        var metadata = pe.GetMetadataReader();
        var checkedBodies = 0;
        var withClauses = 0;
        foreach (var handle in metadata.MethodDefinitions)
        {
            var definition = metadata.GetMethodDefinition(handle);
            if (definition.RelativeVirtualAddress == 0)
            {
                continue;
            }

            var original = pe.GetMethodBody(definition.RelativeVirtualAddress);
            var encoded = ILEncoder.Encode(ILDecoder.Decode(original));
            var again = ILDecoder.Decode(encoded);

            var where = $"{metadata.GetString(definition.Name)} (0x{MetadataTokens.GetToken(handle):X8})";
            var originalCode = original.GetILBytes()!;
            Assert.That(encoded.AsSpan(12, originalCode.Length).ToArray(), Is.EqualTo(originalCode), where);
            Assert.That(again.Instructions[^1].Offset, Is.LessThan(originalCode.Length), where);
            Assert.That(again.MaxStack, Is.EqualTo(original.MaxStack), where);
            Assert.That(again.LocalSignatureToken, Is.EqualTo(original.LocalSignature.IsNil ? 0 : MetadataTokens.GetToken(original.LocalSignature)), where);
            Assert.That(again.InitLocals, Is.EqualTo(original.LocalVariablesInitialized), where);
            Assert.That(Describe(again.Clauses, originalCode.Length), Is.EqualTo(Describe(original.ExceptionRegions)), where);
            checkedBodies++;
            withClauses += original.ExceptionRegions.Length > 0 ? 1 : 0;
        }

        Assert.That(checkedBodies, Is.GreaterThan(1000));
        Assert.That(withClauses, Is.GreaterThan(10));
    }

    [Test]
    public void AShortBranchThatNoLongerReachesIsPromotedToTheLongForm()
    {
        // br.s over one nop, then ret: grow the skipped code past 127 bytes.
        var ret = new ILInstruction(ILOpCode.Ret);
        var body = new ILBody { MaxStack = 8 };
        body.Instructions.Add(ILInstruction.Branch(ILOpCode.Br_s, ret));
        for (var i = 0; i < 200; i++)
        {
            body.Instructions.Add(new ILInstruction(ILOpCode.Nop));
        }

        body.Instructions.Add(ret);
        var decoded = ILDecoder.Decode(ILEncoder.Encode(body));

        Assert.That(decoded.Instructions[0].OpCode, Is.EqualTo(ILOpCode.Br));
        Assert.That(decoded.Instructions[0].Target, Is.SameAs(decoded.Instructions[^1]));
        Assert.That(decoded.Instructions[^1].Offset, Is.EqualTo(5 + 200));
    }

    private static string[] Describe(System.Collections.Immutable.ImmutableArray<ExceptionRegion> regions) =>
        regions.Select(r => Clause(r.Kind, r.TryOffset, r.TryLength, r.HandlerOffset, r.HandlerLength,
            r.Kind == ExceptionRegionKind.Filter ? r.FilterOffset : -1, r.CatchType.IsNil ? 0 : MetadataTokens.GetToken(r.CatchType))).ToArray();

    private static string[] Describe(List<ExceptionClause> clauses, int codeSize) =>
        clauses.Select(c => Clause(c.Kind, c.TryStart.Offset, (c.TryEnd?.Offset ?? codeSize) - c.TryStart.Offset,
            c.HandlerStart.Offset, (c.HandlerEnd?.Offset ?? codeSize) - c.HandlerStart.Offset, c.FilterStart?.Offset ?? -1, c.CatchTypeToken)).ToArray();

    private static string Clause(ExceptionRegionKind kind, int tryOffset, int tryLength, int handlerOffset, int handlerLength, int filter, int type) =>
        $"{kind} try {tryOffset}+{tryLength} handler {handlerOffset}+{handlerLength} filter {filter} type 0x{type:X8}";
}
