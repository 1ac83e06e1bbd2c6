using System.Text;

namespace Diagnose.Differential.Workloads.Documents;

/// <summary>Seeded Markdown documents built from blocks of every kind CommonMark and Markdig's extensions know.</summary>
internal static class MarkdownInputs
{
    private static readonly Func<Seeded, string>[] s_blocks =
    [
        s => $"{new string('#', s.Int(1, 7))} {Inline(s)} {{#{s.Identifier()} .{s.Identifier()}}}\n",
        s => $"{Inline(s)}\n{new string(s.Bool() ? '=' : '-', s.Int(1, 6))}\n",
        s => $"{Inline(s)} {Inline(s)}  \n{Inline(s)}\\\n{Inline(s)}\n",
        s => string.Concat(Enumerable.Range(0, s.Int(1, 5)).Select(i => $"{new string(' ', 2 * s.Int(0, 2))}{s.Pick(new[] { "-", "*", "+" })} {(s.Bool() ? "[x] " : s.Bool() ? "[ ] " : string.Empty)}{Inline(s)}\n")),
        s => string.Concat(Enumerable.Range(1, s.Int(1, 5)).Select(i => $"{i * s.Int(1, 3)}{s.Pick(new[] { ".", ")" })} {Inline(s)}\n")),
        s => string.Concat(Enumerable.Range(0, s.Int(1, 4)).Select(_ => $"> {(s.Bool() ? "> " : string.Empty)}{Inline(s)}\n")),
        s => $"> [!{s.Pick(new[] { "NOTE", "TIP", "WARNING", "CAUTION", "IMPORTANT" })}]\n> {Inline(s)}\n",
        s => $"```{s.Pick(new[] { "csharp", "js", "", "mermaid", "text {.wide}" })}\n{s.Sentence()}\n  {s.Word()} <>&\n```\n",
        s => $"    {s.Sentence()}\n    {s.Word()}\n",
        s => Table(s),
        s => $"+---+---+\n| {s.Identifier(1, 1)} | {s.Identifier(1, 1)} |\n+===+===+\n| {s.Int(0, 9)} | {s.Word()} |\n+---+---+\n",
        s => $"{s.Word()}[^{s.Int(1, 4)}] and more.\n\n[^{s.Int(1, 4)}]: {Inline(s)}\n",
        s => $"{s.Identifier()}\n:   {Inline(s)}\n:   {Inline(s)}\n",
        s => $"*[{"HTML"}]: Hyper Text Markup Language\n\nThe HTML and {s.Word()} spec.\n",
        s => $"$$\n{s.Identifier()} = \\frac{{{s.Int(1, 9)}}}{{{s.Int(1, 9)}}}\n$$\n",
        s => $"::: {s.Identifier()}\n{Inline(s)}\n:::\n",
        s => $"^^^\n![{s.Word()}](img/{s.Identifier()}.png \"{s.Word()}\")\n^^^ {Inline(s)}\n",
        s => $"<div class=\"{s.Identifier()}\">\n{s.Sentence()}\n</div>\n",
        s => $"{new string(s.Pick(new[] { '*', '-', '_' }), s.Int(3, 6))}\n",
        s => $"[{s.Word()}]: https://example.test/{s.Identifier()} \"{s.Word()}\"\n\nSee [{s.Word()}] and [link][{s.Word()}].\n",
        s => $"{s.Pick(new[] { "Note", "Info" })}: {Inline(s)} :smile: :-) {s.Pick(new[] { "--", "---", "...", "<<", ">>" })} \"quoted\" 'single'\n",
        s => $"Cite \"\"{s.Sentence(1, 3)}\"\" and {s.Word()}~~{s.Word()}~~ H~2~O x^2^ ++{s.Word()}++ =={s.Word()}==\n",
        s => $"www.{s.Identifier()}.test and https://{s.Identifier()}.test/path?x=1 and mailto:{s.Identifier()}@example.test\n",
        s => $"![video](https://www.youtube.com/watch?v={s.Identifier(11, 11)})\n",
        s => $"{s.Sentence()} &amp; &copy; &#x1F600; &#0; &notanentity; \\* \\_ \\` <span>{s.Word()}</span>\n",
    ];

    public static string Document(Seeded seeded)
    {
        var text = new StringBuilder();
        if (seeded.Int(0, 4) == 0)
        {
            text.Append("---\ntitle: ").Append(seeded.Identifier()).Append("\ntags: [a, b]\n---\n");
        }

        for (var blocks = seeded.Int(1, 14); blocks > 0; blocks--)
        {
            text.Append(seeded.Pick(s_blocks)(seeded)).Append(seeded.Int(0, 5) == 0 ? string.Empty : "\n");
        }

        return text.ToString();
    }

    /// <summary>A run of inline elements: emphasis, code, links, images, autolinks, raw HTML, math.</summary>
    public static string Inline(Seeded s)
    {
        var parts = new List<string>();
        for (var n = s.Int(1, 6); n > 0; n--)
        {
            parts.Add(s.Int(0, 12) switch
            {
                0 => $"*{s.Word()}*",
                1 => $"**{s.Sentence(1, 2)}**",
                2 => $"`{s.Word()}`",
                3 => $"[{s.Word()}](https://example.test/{s.Identifier()} \"{s.Identifier()}\")",
                4 => $"![{s.Word()}](/{s.Identifier()}.png)",
                5 => $"<https://{s.Identifier()}.test>",
                6 => $"<em>{s.Word()}</em>",
                7 => $"${s.Identifier(1, 3)}^{s.Int(0, 9)}$",
                8 => $"_{s.Word()}_{s.Word()}",
                9 => $"***{s.Word()}***",
                _ => s.Word(),
            });
        }

        return string.Join(' ', parts);
    }

    private static string Table(Seeded s)
    {
        var columns = s.Int(1, 5);
        var rows = s.Int(0, 4);
        var text = new StringBuilder();
        text.Append('|').AppendJoin('|', Enumerable.Range(0, columns).Select(_ => $" {s.Word()} ")).Append("|\n");
        text.Append('|').AppendJoin('|', Enumerable.Range(0, columns).Select(_ => s.Pick(new[] { "---", ":--", "--:", ":-:" }))).Append("|\n");
        for (var r = 0; r < rows; r++)
        {
            text.Append('|').AppendJoin('|', Enumerable.Range(0, columns + s.Int(-1, 2)).Select(_ => $" {Inline(s)} ")).Append("|\n");
        }

        return text.ToString();
    }
}
