using System.Reflection;
using Diagnose.Rewriting;
using Diagnose.Symbols;

namespace Diagnose.Engine;

/// <summary>One method the engine manages: the probes on it and the sites of its current body.</summary>
internal sealed class InstrumentedMethod
{
    public InstrumentedMethod(MethodBase method, nuint moduleId, int methodDef, MethodShape shape)
    {
        Method = method;
        ModuleId = moduleId;
        MethodDef = methodDef;
        Shape = shape;
    }

    public MethodBase Method { get; }

    public nuint ModuleId { get; }

    public int MethodDef { get; }

    public MethodShape Shape { get; }

    /// <summary>Local names and sequence points from the portable PDB, read when first needed.</summary>
    public MethodSymbols Symbols => _symbols ??= MethodSymbols.For(Method);

    private MethodSymbols? _symbols;

    public List<Probe> Probes { get; } = new();

    /// <summary>The sites the current body calls.</summary>
    public SiteRef[] Sites { get; set; } = [];

    /// <summary>
    /// Sites of earlier bodies that still fire: a thread can be inside an older body when a new one is installed
    /// (another probe added to the method), and its calls must still reach the instruments that stay.
    /// </summary>
    public List<SiteRef> Kept { get; } = new();

    /// <summary>True while the method runs a body with hooks.</summary>
    public bool HasHooks { get; set; }

    public (nuint, int) Key => (ModuleId, MethodDef);

    public override string ToString() => Sites.Length == 0 ? Method.Name : $"{Method.Name} (sites {string.Join(",", Sites.Select(s => s.Id))})";
}

/// <summary>A site id and the instruments it fires.</summary>
internal readonly record struct SiteRef(int Id, IReadOnlyList<Instrument> Instruments);

