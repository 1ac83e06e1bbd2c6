using dnlib.DotNet;
using dnlib.DotNet.Emit;
using dnlib.DotNet.Pdb;

namespace Diagnose.Cli.Discovery;

/// <summary>
/// Where a method's body is in the source, from the portable PDB (beside the assembly or embedded) through its
/// sequence points; hidden ones (line 0xFEEFEE) are not lines of code. An async method or iterator has its code in
/// the state machine's MoveNext, so that is where its lines come from.
/// </summary>
internal sealed record SourceLines(string? Document, IReadOnlyList<int> Lines)
{
    private const int HiddenLine = 0xFEEFEE;

    public static SourceLines None { get; } = new(null, []);

    /// <summary>The first line of the body, or null without symbols.</summary>
    public int? First => Lines.Count > 0 ? Lines[0] : null;

    /// <summary><c>Orders.cs:33</c>, or "-" without symbols.</summary>
    public string Location => Document is null || First is null ? "-" : $"{Path.GetFileName(Document)}:{First}";

    public static SourceLines Of(MethodDef method)
    {
        var own = Read(method);
        return own.Lines.Count == 0 && StateMachines.MoveNext(method) is { } moveNext ? Read(moveNext) : own;
    }

    private static SourceLines Read(MethodDef method)
    {
        if (!method.HasBody || method.Body is not { } body)
        {
            return None;
        }

        var points = body.Instructions.Select(i => i.SequencePoint).OfType<SequencePoint>().Where(p => p.StartLine != HiddenLine && p.StartLine > 0).ToList();
        if (points.Count == 0)
        {
            return None;
        }

        var document = points[0].Document?.Url;
        var lines = points.Where(p => p.Document?.Url == document).Select(p => p.StartLine).Distinct().Order().ToList();
        return new SourceLines(document, lines);
    }
}
