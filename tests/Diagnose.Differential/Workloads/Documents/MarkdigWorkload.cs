using System.Reflection;
using System.Text;
using Diagnose.Differential.Output;
using Markdig;
using Markdig.Renderers.Normalize;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Diagnose.Differential.Workloads.Documents;

/// <summary>
/// Markdig: seeded documents through four pipelines (CommonMark, advanced extensions, everything else on top,
/// and precise source locations), rendered to HTML, plain text and normalized Markdown, and their syntax trees
/// walked with spans.
/// </summary>
internal sealed class MarkdigWorkload : IWorkload
{
    private static readonly MarkdownPipeline[] s_pipelines =
    [
        new MarkdownPipelineBuilder().Build(),
        new MarkdownPipelineBuilder().UseAdvancedExtensions().Build(),
        new MarkdownPipelineBuilder().UseAdvancedExtensions().UseEmojiAndSmiley().UseSmartyPants().UseBootstrap().UseYamlFrontMatter()
            .UseAbbreviations().UseAlertBlocks().UseMediaLinks().UseJiraLinks(new Markdig.Extensions.JiraLinks.JiraLinkOptions("https://jira.test"))
            .UseSoftlineBreakAsHardlineBreak().UseReferralLinks("nofollow").UseNonAsciiNoEscape().Build(),
        new MarkdownPipelineBuilder().UsePreciseSourceLocation().UsePipeTables().UseGridTables().UseFootnotes().UseTaskLists().UseEmphasisExtras().UseMathematics().Build(),
    ];

    public string Library => "Markdig";

    public Assembly Assembly => typeof(Markdown).Assembly;

    public void Run(CaseWriter output, int inputs)
    {
        for (var i = 0; i < inputs; i++)
        {
            var markdown = MarkdownInputs.Document(new Seeded(2000 + i));
            var pipeline = s_pipelines[i % s_pipelines.Length];
            output.Case($"markdig/html/{i}", text => text.Append(markdown).Append("\n=>\n").Append(Markdown.ToHtml(markdown, pipeline)));
            output.Case($"markdig/plain/{i}", text => text.Append(Markdown.ToPlainText(markdown, pipeline)));
            output.Case($"markdig/normalize/{i}", text => text.Append(Markdown.Normalize(markdown, new NormalizeOptions { ListItemCharacter = i % 2 == 0 ? '*' : null, EmptyLineAfterHeading = i % 3 != 0 }, pipeline)));
            output.Case($"markdig/tree/{i}", text => Tree(Markdown.Parse(markdown, pipeline), text));
            output.Case($"markdig/fragments/{i}", text => Fragments(markdown, text));
        }
    }

    /// <summary>Every block and inline with its span and line, and the links the document defines.</summary>
    private static void Tree(MarkdownDocument document, StringBuilder text)
    {
        foreach (var node in document.Descendants())
        {
            text.Append(node.GetType().Name).Append(' ').Append(node.Span.Start).Append("..").Append(node.Span.End).Append(" L").Append(node.Line).Append(':').Append(node.Column);
            switch (node)
            {
                case HeadingBlock heading:
                    text.Append(" h").Append(heading.Level);
                    break;
                case ListBlock list:
                    text.Append(list.IsOrdered ? " ordered " : " bullet ").Append(list.BulletType).Append(list.IsLoose ? " loose" : " tight");
                    break;
                case FencedCodeBlock fenced:
                    text.Append(" info=").Append(fenced.Info).Append(" lines=").Append(fenced.Lines.Count);
                    break;
                case LinkInline link:
                    text.Append(link.IsImage ? " image " : " link ").Append(link.Url).Append(" title=").Append(link.Title);
                    break;
                case LiteralInline literal:
                    text.Append(" '").Append(literal.Content.ToString()).Append('\'');
                    break;
                case EmphasisInline emphasis:
                    text.Append(' ').Append(emphasis.DelimiterChar, emphasis.DelimiterCount);
                    break;
            }

            text.Append('\n');
        }

        foreach (var reference in document.GetLinkReferenceDefinitions(addGroup: false)?.Links ?? [])
        {
            text.Append("ref ").Append(reference.Key).Append(" -> ").Append(reference.Value.Url).Append('\n');
        }
    }

    /// <summary>Small inputs alone: each inline element, heading and list rendered by itself with the CommonMark pipeline.</summary>
    private static void Fragments(string markdown, StringBuilder text)
    {
        foreach (var line in markdown.Split('\n').Where(l => l.Length > 0).Take(6))
        {
            text.Append(Markdown.ToHtml(line)).Append(Markdown.ToHtml(line.TrimStart('#', '>', ' ', '-', '*')));
        }
    }
}
