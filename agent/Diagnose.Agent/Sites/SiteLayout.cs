using System.Linq.Expressions;
using Diagnose.Rewriting;
using Diagnose.Symbols;

namespace Diagnose.Sites;

/// <summary>The values one site passes to its hook, in order, with the handler parameters that receive them.</summary>
internal sealed class SiteLayout
{
    private readonly List<Capture> _captures = new();
    private readonly List<ParameterExpression> _parameters = new();

    /// <param name="shape">The method.</param>
    /// <param name="parameterNames">Parameter names by position.</param>
    /// <param name="symbols">What the PDB says of the method (locals, lines, source).</param>
    public SiteLayout(MethodShape shape, IReadOnlyList<string> parameterNames, MethodSymbols symbols)
    {
        Shape = shape;
        ParameterNames = parameterNames;
        Symbols = symbols;
    }

    public MethodShape Shape { get; }

    public IReadOnlyList<string> ParameterNames { get; }

    public MethodSymbols Symbols { get; }

    /// <summary>For a line probe's site: the source line and the IL offset of its first sequence point; else null.</summary>
    public (int Line, int ILOffset)? At { get; init; }

    /// <summary>
    /// The slot of a local variable by its source name (or <c>localN</c>), null when there is none; at a line, only a
    /// local whose scope holds the line (the innermost one of that name).
    /// </summary>
    public int? LocalSlot(string name) => At is { } at ? InScope(at.ILOffset).FirstOrDefault(l => l.Name == name)?.Slot : Symbols.SlotOf(name);

    /// <summary>The locals a line can read: visible declarations whose scope holds the offset, innermost first, one per name.</summary>
    public IReadOnlyList<LocalSymbol> LocalsAtLine => At is { } at ? InScope(at.ILOffset) : [];

    /// <summary>
    /// At a line of a state machine's MoveNext: the field that holds a local the compiler hoisted out of the method (or
    /// a parameter of the async method or iterator, kept under its own name), else null.
    /// </summary>
    public System.Reflection.FieldInfo? HoistedField(string name)
    {
        if (At is null || Symbols.StateMachineKickoff is null)
        {
            return null;
        }

        return Symbols.FindHoisted(name)?.Field
            ?? Shape.Method.DeclaringType?.GetField(name, System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic);
    }

    private List<LocalSymbol> InScope(int offset) =>
        Symbols.Locals.Where(l => !l.IsHidden && l.ScopeStart <= offset && offset < l.ScopeEnd)
            .OrderByDescending(l => l.ScopeStart).ThenBy(l => l.Slot)
            .DistinctBy(l => l.Name).ToList();

    public IReadOnlyList<Capture> Captures => _captures;

    public IReadOnlyList<ParameterExpression> Parameters => _parameters;

    /// <summary>Adds the sources that are not captured yet; false (and nothing added) when that would pass too many values.</summary>
    public bool TryAdd(IEnumerable<ValueSource> sources, int limit)
    {
        var added = sources.Distinct()
            .Where(s => _captures.All(c => c.Source != s))
            .Select(Shape.Capture)
            .Where(c => c.Unavailable is null)
            .ToList();
        if (_captures.Count + added.Count > limit)
        {
            return false;
        }

        foreach (var capture in added)
        {
            _captures.Add(capture);
            _parameters.Add(Expression.Parameter(capture.HookType, $"v{_parameters.Count}_{capture.Source.Kind}{capture.Source.Index}"));
        }

        return true;
    }

    /// <summary>Adds the sources one by one, in order, while there is room (what does not fit is left out).</summary>
    public void AddWhileRoom(IEnumerable<ValueSource> sources, int limit)
    {
        foreach (var source in sources)
        {
            TryAdd([source], limit);
        }
    }

    public bool TryGet(ValueSource source, out ParameterExpression parameter, out Capture capture)
    {
        var index = _captures.FindIndex(c => c.Source == source);
        parameter = index >= 0 ? _parameters[index] : null!;
        capture = index >= 0 ? _captures[index] : null!;
        return index >= 0;
    }
}
