using System.Reflection;
using System.Text;
using Diagnose.Differential.Output;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Diagnose.Differential.Workloads.Yaml;

/// <summary>
/// YamlDotNet: seeded settings serialized under four naming conventions and options, read back typed and untyped,
/// hand-written documents (anchors, merge keys, block scalars, tags, several documents) parsed to events, to the
/// representation model and re-emitted, and broken documents read for their errors.
/// </summary>
internal sealed class YamlWorkload : IWorkload
{
    private static readonly INamingConvention[] s_conventions =
    [
        NullNamingConvention.Instance, CamelCaseNamingConvention.Instance, UnderscoredNamingConvention.Instance, HyphenatedNamingConvention.Instance,
    ];

    public string Library => "YamlDotNet";

    public Assembly Assembly => typeof(YamlStream).Assembly;

    public void Run(CaseWriter output, int inputs)
    {
        for (var i = 0; i < inputs; i++)
        {
            var seeded = new Seeded(3000 + i);
            var settings = Settings(seeded);
            var convention = s_conventions[i % s_conventions.Length];
            var serializer = Serializer(convention, i);
            var yaml = serializer.Serialize(settings);
            var document = YamlInputs.Document(seeded);
            output.Case($"yaml/serialize/{i}", text => text.Append(yaml));
            output.Case($"yaml/roundtrip/{i}", text => text.Append(serializer.Serialize(Deserializer(convention).Deserialize<ServiceSettings>(yaml))));
            output.Case($"yaml/json/{i}", text => text.Append(new SerializerBuilder().JsonCompatible().Build().Serialize(settings)));
            output.Case($"yaml/untyped/{i}", text => Untyped(document, text));
            output.Case($"yaml/events/{i}", text => Events(document, text));
            output.Case($"yaml/model/{i}", text => Model(document, text));
            output.Case($"yaml/broken/{i}", text => Broken(yaml, document, seeded, text));
        }
    }

    private static ServiceSettings Settings(Seeded seeded)
    {
        var settings = new ServiceSettings
        {
            Name = seeded.Sentence(1, 3),
            Replicas = seeded.Int(-3, 100),
            CpuLimit = seeded.Double(),
            Enabled = seeded.Bool(),
            Deployed = seeded.Bool() ? DateTime.SpecifyKind(seeded.Utc(), DateTimeKind.Utc) : null,
            Level = (LogLevel)seeded.Int(0, 5),
            Args = Enumerable.Range(0, seeded.Int(0, 4)).Select(_ => seeded.Word()).ToArray(),
            Script = seeded.Bool() ? null : string.Join("\n", Enumerable.Range(0, seeded.Int(1, 4)).Select(_ => seeded.Sentence())),
            Budget = seeded.Decimal(),
            Separator = (char)seeded.Int(32, 127),
            Timeout = TimeSpan.FromSeconds(seeded.Int(0, 100_000)),
        };
        for (var n = seeded.Int(0, 4); n > 0; n--)
        {
            settings.Endpoints.Add(new Endpoint
            {
                Path = "/" + seeded.Identifier(),
                Port = seeded.Int(1, 65536),
                Methods = Enumerable.Range(0, seeded.Int(0, 3)).Select(_ => seeded.Pick(new[] { "GET", "POST", "yes", "no", "~", "null" })).ToList(),
                Fallback = seeded.Bool() ? new Endpoint { Path = seeded.Word(), Port = seeded.Int(0, 10) } : null,
            });
        }

        for (var n = seeded.Int(0, 5); n > 0; n--)
        {
            settings.Labels[$"{seeded.Identifier()}.{n}"] = seeded.Word();
        }

        return settings;
    }

    private static ISerializer Serializer(INamingConvention convention, int variant)
    {
        var builder = new SerializerBuilder().WithNamingConvention(convention).WithIndentedSequences();
        builder = (variant % 3) switch
        {
            0 => builder.ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull),
            1 => builder.ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitDefaults).WithQuotingNecessaryStrings(),
            _ => builder.DisableAliases().WithMaximumRecursion(20),
        };
        return builder.Build();
    }

    private static IDeserializer Deserializer(INamingConvention convention) =>
        new DeserializerBuilder().WithNamingConvention(convention).IgnoreUnmatchedProperties().Build();

    private static void Untyped(string document, StringBuilder text)
    {
        var deserializer = new DeserializerBuilder().Build();
        using var reader = new StringReader(document);
        var parser = new MergingParser(new Parser(reader));
        parser.Consume<StreamStart>();
        while (parser.Accept<DocumentStart>(out _))
        {
            var value = deserializer.Deserialize(parser);
            text.Append(Describe(value)).Append('\n');
        }
    }

    private static void Events(string document, StringBuilder text)
    {
        var parser = new Parser(new StringReader(document));
        while (parser.MoveNext())
        {
            var current = parser.Current!;
            text.Append(current.GetType().Name).Append(' ').Append(current.Start.Line).Append(':').Append(current.Start.Column);
            switch (current)
            {
                case Scalar scalar:
                    text.Append(" [").Append(scalar.Value).Append("] ").Append(scalar.Style).Append(' ').Append(scalar.Tag.IsEmpty ? string.Empty : scalar.Tag.Value).Append(' ').Append(scalar.Anchor.IsEmpty ? string.Empty : scalar.Anchor.Value);
                    break;
                case AnchorAlias alias:
                    text.Append(" *").Append(alias.Value.Value);
                    break;
                case MappingStart mapping:
                    text.Append(' ').Append(mapping.Style);
                    break;
                case SequenceStart sequence:
                    text.Append(' ').Append(sequence.Style);
                    break;
            }

            text.Append('\n');
        }
    }

    private static void Model(string document, StringBuilder text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(document));
        foreach (var yamlDocument in stream.Documents)
        {
            text.Append(yamlDocument.RootNode.NodeType).Append(' ').Append(yamlDocument.AllNodes.Count()).Append('\n');
        }

        var written = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        stream.Save(written, assignAnchors: false);
        text.Append(written);
    }

    private static void Broken(string yaml, string document, Seeded seeded, StringBuilder text)
    {
        var deserializer = Deserializer(NullNamingConvention.Instance);
        var inputs = new[]
        {
            document[..seeded.Int(0, document.Length)] + "\n  - [unclosed",
            yaml.Replace(":", string.Empty),
            "a: b: c",
            "key: [1, 2\nother: 3",
            "- &a x\n- *b",
            "\tkey: tab",
            "Replicas: many",
            "Endpoints: {Port: -}",
            "%YAML 9.9\n---\na: 1",
            "!!binary 'not base64 ***'",
        };
        foreach (var input in inputs)
        {
            try
            {
                text.Append(Describe(deserializer.Deserialize<ServiceSettings>(input)?.Replicas)).Append('\n');
            }
            catch (YamlException e)
            {
                text.Append(e.Start.Line).Append(':').Append(e.Start.Column).Append(' ').Append(CaseWriter.Describe(e)).Append('\n');
            }
        }
    }

    /// <summary>An untyped value (dictionaries, lists, scalars) written out in a fixed form.</summary>
    private static string Describe(object? value) => value switch
    {
        null => "null",
        string s => $"'{s}'",
        IDictionary<object, object> map => "{" + string.Join(", ", map.Select(p => $"{Describe(p.Key)}: {Describe(p.Value)}")) + "}",
        IEnumerable<object> list => "[" + string.Join(", ", list.Select(Describe)) + "]",
        IFormattable f => value.GetType().Name + ":" + f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.GetType().Name + ":" + value,
    };
}
