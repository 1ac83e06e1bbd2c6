using System.Collections.Concurrent;
using Diagnose.Protocol.Specs;

namespace Diagnose.Redaction;

/// <summary>
/// The one place that decides what must not leave the process. Expressions ask it at compile time (a value that
/// reads a sensitive name is replaced by <see cref="Text"/>, see <see cref="ExpressionRedaction"/>), and
/// <c>ValueText</c> asks it at run time (sensitive dictionary keys and record or anonymous members, redacted
/// types). Names: the built-in <see cref="DenyList"/>, <c>DIAGNOSE_REDACT_NAMES</c> and <c>redaction.json</c>;
/// types: the built-in <see cref="TypeRule"/> ones, <c>DIAGNOSE_REDACT_TYPES</c> and <c>redaction.json</c>.
/// </summary>
internal sealed class Redactor
{
    /// <summary>What a redacted value reads as.</summary>
    public const string Text = "[redacted]";

    private const int MaxCachedNames = 10_000;

    private static volatile Redactor s_current = new(RedactionSettings.FromEnvironment());

    private readonly NameRule _names;
    private readonly TypeRule _types;
    private readonly ConcurrentDictionary<string, bool> _nameCache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Type, TypeView> _views = new();

    public Redactor(RedactionSettings settings)
    {
        _names = new NameRule(DenyList.BuiltIn.Concat(settings.Names));
        _types = new TypeRule(TypeRule.BuiltIn.Concat(settings.Types));
        Problem = settings.Problem;
    }

    /// <summary>The rules in force in this process.</summary>
    public static Redactor Current => s_current;

    /// <summary>Why the user's rules could not be read (a malformed <c>redaction.json</c>); null when they were.</summary>
    public string? Problem { get; }

    public NameRule Names => _names;

    public TypeRule Types => _types;

    /// <summary>
    /// Makes the environment's rules and those of the <c>redaction.json</c> beside <paramref name="specsPath"/> the
    /// current ones (the agent calls it when it takes a specs path into use, before applying it). Never throws.
    /// </summary>
    public static Redactor UseSpecsPath(string specsPath)
    {
        var file = RedactionFile.Beside(specsPath);
        var fromFile = RedactionSettings.ReadFile(file);
        var redactor = new Redactor(RedactionSettings.FromEnvironment().With(fromFile));
        s_current = redactor;
        if (redactor.Problem is { } problem)
        {
            AgentLog.Error($"redaction: {problem}");
        }
        else if (fromFile.Names.Count + fromFile.Types.Count > 0)
        {
            AgentLog.Info($"redaction: {file} adds {fromFile.Names.Count} names and {fromFile.Types.Count} types");
        }

        return redactor;
    }

    /// <summary>Makes <paramref name="redactor"/> the current one (tests; the agent uses <see cref="UseSpecsPath"/>).</summary>
    internal static void Use(Redactor redactor) => s_current = redactor;

    /// <summary>Whether values under this name are redacted (see <see cref="NameRule"/> for the matching rule).</summary>
    public bool IsSensitive(string name)
    {
        if (_nameCache.TryGetValue(name, out var known))
        {
            return known;
        }

        var sensitive = _names.Matches(name);
        if (_nameCache.Count < MaxCachedNames)
        {
            _nameCache.TryAdd(name, sensitive);
        }

        return sensitive;
    }

    /// <summary>A "key:value" tag, its value redacted when the key is a sensitive name.</summary>
    public string RedactTag(string tag)
    {
        var colon = tag.IndexOf(':');
        return colon > 0 && IsSensitive(tag[..colon]) ? string.Concat(tag.AsSpan(0, colon + 1), Text) : tag;
    }

    /// <summary>Whether every value of this type is redacted.</summary>
    public bool Redacts(Type type) => ViewOf(type).Kind == TypeViewKind.Redacted;

    /// <summary>How values of <paramref name="type"/> render (decided once per type).</summary>
    public TypeView ViewOf(Type type) =>
        _views.TryGetValue(type, out var view) ? view : _views.GetOrAdd(type, TypeView.Of(type, IsSensitive, _types.Matches));
}
