using System.Text;

namespace Diagnose.Differential.Workloads.Yaml;

/// <summary>Seeded hand-written YAML: the syntax a serializer never produces (anchors, merges, tags, flow, folding).</summary>
internal static class YamlInputs
{
    private static readonly Func<Seeded, string>[] s_parts =
    [
        s => $"base: &base\n  name: {s.Identifier()}\n  size: {s.Int(0, 99)}\nderived:\n  <<: *base\n  size: {s.Int(100, 200)}\n",
        s => $"script: |{s.Pick(new[] { "", "-", "+", "2" })}\n  {Line(s)}\n    {Line(s)}\n\n",
        s => $"folded: >{s.Pick(new[] { "", "-", "+" })}\n  {Line(s)}\n  {Line(s)}\n\n  {s.Word()}\n",
        s => $"flow: {{a: [{s.Int(0, 9)}, {s.Int(0, 9)}], b: {{c: \"{s.Identifier()}\"}}, d: [], e: {{}}}}\n",
        s => $"tagged: !!{s.Pick(new[] { "str", "int", "float", "bool", "null" })} {s.Pick(new[] { "12", "0x1F", "1e3", "true", "~", ".inf", "-.NaN", "0o17" })}\n",
        s => $"quoted: \"{s.Identifier()}\\t\\u00e9\\x41\\n\"\nsingle: '{s.Identifier()}''s'\nplain: {s.Identifier()} # comment\n",
        s => $"list:\n- {s.Identifier()}\n- - nested\n  - {s.Int(0, 9)}\n- key: {s.Identifier()}\n  other: {s.Double().ToString("R", System.Globalization.CultureInfo.InvariantCulture)}\n",
        s => $"? complex key\n: {s.Identifier()}\n? [a, b]\n: {s.Int(0, 9)}\n",
        s => $"dates: [{2000 + s.Int(0, 30)}-0{s.Int(1, 10)}-1{s.Int(0, 10)}, 2001-12-14t21:59:43.10-05:00]\nbools: [yes, No, on, OFF, true, False]\n",
        s => $"empty:\nnull_value: null\ntilde: ~\n\"{s.Identifier()}\": value\n",
        s => $"custom: !local {s.Identifier()}\nset: !!set {{a, b}}\nomap: !!omap [x: 1, y: 2]\n",
    ];

    /// <summary>One to three documents, each made of a few parts.</summary>
    public static string Document(Seeded seeded)
    {
        var text = new StringBuilder();
        for (var documents = seeded.Int(1, 4); documents > 0; documents--)
        {
            text.Append(seeded.Bool() ? "---\n" : "--- # doc\n");
            for (var parts = seeded.Int(1, 5); parts > 0; parts--)
            {
                text.Append(Unique(seeded.Pick(s_parts)(seeded), parts));
            }

            text.Append(seeded.Bool() ? "...\n" : string.Empty);
        }

        return text.ToString();
    }

    /// <summary>Words on one line (block scalars end at a line break that is not indented).</summary>
    private static string Line(Seeded s) => s.Sentence().Replace('\n', ' ');

    /// <summary>Suffixes the top-level keys of a part so that parts picked twice do not repeat a key.</summary>
    private static string Unique(string part, int index)
    {
        var lines = part.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && char.IsLetter(lines[i][0]))
            {
                lines[i] = lines[i][..colon] + index + lines[i][colon..];
            }
        }

        return string.Join('\n', lines);
    }
}
