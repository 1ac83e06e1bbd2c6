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

    /// <summary>The slot of a local variable by its source name (or <c>localN</c>), null when there is none.</summary>
    public int? LocalSlot(string name) => Symbols.SlotOf(name);

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
