using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;

namespace Diagnose.Protocol.Specs;

/// <summary>
/// A document of specs: a JSON object of id → spec, in document order. Immutable; <see cref="With"/> and
/// <see cref="Without"/> make changed copies. Reading never throws for bad content: every spec is kept by its id,
/// valid or not (an invalid one carries its <see cref="Spec.Error"/>, so a manager can still write its
/// <c>applied</c> entry), and problems of the document itself are listed in <see cref="Errors"/>.
/// </summary>
public sealed class SpecSet : IReadOnlyCollection<Spec>
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    private readonly List<Spec> _specs;
    private readonly Dictionary<string, int> _index;
    private readonly IReadOnlyList<string> _documentErrors;

    /// <summary>A set of the given specs, in their order; throws <see cref="ArgumentException"/> on a repeated id.</summary>
    public SpecSet(IEnumerable<Spec> specs)
        : this(specs.ToList(), [])
    {
        if (_index.Count != _specs.Count)
        {
            throw new ArgumentException("every spec in a set needs its own id", nameof(specs));
        }
    }

    /// <summary>A set whose ids are unique (callers make sure); <paramref name="documentErrors"/> are about the source.</summary>
    internal SpecSet(List<Spec> specs, IReadOnlyList<string> documentErrors)
    {
        _specs = specs;
        _documentErrors = documentErrors;
        _index = new Dictionary<string, int>(specs.Count, StringComparer.Ordinal);
        for (var i = 0; i < specs.Count; i++)
        {
            _index.TryAdd(specs[i].Id, i);
        }
    }

    /// <summary>No specs.</summary>
    public static SpecSet Empty { get; } = new([], []);

    /// <summary>How many specs (valid or not).</summary>
    public int Count => _specs.Count;

    /// <summary>
    /// Every problem: first those of the document (not JSON, not an object, a repeated id…), then each invalid
    /// spec's <see cref="Spec.Error"/>.
    /// </summary>
    public IReadOnlyList<string> Errors =>
        [.. _documentErrors, .. _specs.Where(spec => spec.Error is not null).Select(spec => spec.Error!)];

    /// <summary>The specs that can be applied.</summary>
    public IEnumerable<Spec> Valid => _specs.Where(spec => spec.IsValid);

    /// <summary>Problems of the document itself, without those of single specs.</summary>
    internal IReadOnlyList<string> DocumentErrors => _documentErrors;

    /// <summary>The spec with this id; throws <see cref="KeyNotFoundException"/> when there is none.</summary>
    public Spec this[string id] => TryGet(id, out var spec) ? spec : throw new KeyNotFoundException($"there is no spec '{id}'");

    /// <summary>Reads specs from JSON text; <paramref name="source"/> (e.g. a file name) names it in errors.</summary>
    public static SpecSet Parse(string json, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Parse(Encoding.UTF8.GetBytes(json), source);
    }

    /// <summary>Reads specs from UTF-8 JSON (a leading byte order mark is skipped).</summary>
    public static SpecSet Parse(ReadOnlyMemory<byte> utf8, string? source = null) => Parse(utf8, source, out _);

    /// <summary>Reads specs; <paramref name="notJson"/> tells content that is not JSON at all from bad specs.</summary>
    internal static SpecSet Parse(ReadOnlyMemory<byte> utf8, string? source, out string? notJson)
    {
        notJson = null;
        if (utf8.Span.StartsWith(Utf8Bom))
        {
            utf8 = utf8[Utf8Bom.Length..];
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, SpecJson.ReadOptions);
        }
        catch (JsonException error)
        {
            notJson = NotJson(source, error);
            return new SpecSet([], [notJson]);
        }

        using (document)
        {
            return FromElement(document.RootElement, source);
        }
    }

    /// <summary>The message for content that does not parse: <c>specs.json is not valid JSON: … (line 3, position 7)</c>.</summary>
    internal static string NotJson(string? source, JsonException error)
    {
        return $"{source ?? "the specs"} is not valid JSON: {SpecJson.DescribeParseError(error)}";
    }

    /// <summary>True when there is a spec with this id.</summary>
    public bool Contains(string id) => _index.ContainsKey(id);

    /// <summary>Finds the spec with this id.</summary>
    public bool TryGet(string id, [MaybeNullWhen(false)] out Spec spec)
    {
        if (_index.TryGetValue(id, out var i))
        {
            spec = _specs[i];
            return true;
        }

        spec = null;
        return false;
    }

    /// <summary>A copy with <paramref name="spec"/> added, or put in place of the spec with its id.</summary>
    public SpecSet With(Spec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var specs = new List<Spec>(_specs);
        if (_index.TryGetValue(spec.Id, out var i))
        {
            specs[i] = spec;
        }
        else
        {
            specs.Add(spec);
        }

        return new SpecSet(specs, []);
    }

    /// <summary>A copy without the spec with this id (the same set when there is none).</summary>
    public SpecSet Without(string id)
    {
        return _index.ContainsKey(id) ? new SpecSet(_specs.Where(spec => spec.Id != id).ToList(), []) : this;
    }

    /// <summary>The set as a JSON object of id → spec, indented unless asked otherwise.</summary>
    public string ToJson(bool indented = true) => Encoding.UTF8.GetString(ToUtf8(indented));

    /// <inheritdoc/>
    public IEnumerator<Spec> GetEnumerator() => _specs.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal byte[] ToUtf8(bool indented) => SpecJson.ToUtf8(WriteTo, indented);

    internal void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        foreach (var spec in _specs)
        {
            writer.WritePropertyName(spec.Id);
            spec.WriteTo(writer);
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// Reads the root object. A repeated id keeps its first position and its last value, as Python's
    /// <c>json.loads</c> builds the dict diagnose reads, and is reported.
    /// </summary>
    private static SpecSet FromElement(JsonElement root, string? source)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new SpecSet([], [$"{source ?? "specs"} must be a JSON object of id → spec, got {SpecJson.Describe(root)}"]);
        }

        var specs = new List<Spec>();
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        var errors = new List<string>();
        foreach (var property in root.EnumerateObject())
        {
            var spec = SpecReader.Read(property.Name, property.Value.Clone());
            if (positions.TryGetValue(property.Name, out var earlier))
            {
                specs[earlier] = spec;
                errors.Add($"{source ?? "the specs"}: spec '{property.Name}' appears more than once; the last one is used");
            }
            else
            {
                positions.Add(property.Name, specs.Count);
                specs.Add(spec);
            }
        }

        return new SpecSet(specs, errors);
    }
}
