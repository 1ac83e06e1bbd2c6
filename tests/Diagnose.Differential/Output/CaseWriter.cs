using System.Security.Cryptography;
using System.Text;

namespace Diagnose.Differential.Output;

/// <summary>
/// The canonical output: one line per case, <c>library/case TAB length TAB sha256[0..16] TAB excerpt</c>, so two runs
/// compare byte for byte and a difference names its case. With <see cref="FullText"/> the whole text of every case
/// follows its line (to diff two runs in detail). An exception escaping a case is part of its text, not a crash; with
/// a <c>traces</c> writer its whole stack trace goes there too (to find the method that threw).
/// </summary>
internal sealed class CaseWriter(TextWriter output, bool fullText, TextWriter? traces = null)
{
    private const int ExcerptLength = 72;

    public bool FullText { get; } = fullText;

    public int Cases { get; private set; }

    /// <summary>Runs one case; what it appends to the builder (and how it failed, if it did) is its canonical text.</summary>
    public void Case(string id, Action<StringBuilder> body)
    {
        var text = new StringBuilder();
        try
        {
            body(text);
        }
        catch (Exception e)
        {
            text.Append("\n!! ").Append(Describe(e));
            traces?.WriteLine($"{id}: {e}");
        }

        Write(id, text.ToString());
    }

    /// <summary>Type and message of an exception and of its inner exceptions (stack traces depend on inlining: left out).</summary>
    public static string Describe(Exception e)
    {
        var text = new StringBuilder();
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            if (text.Length > 0)
            {
                text.Append(" ---> ");
            }

            text.Append(current.GetType().FullName).Append(": ").Append(current.Message);
        }

        return text.ToString();
    }

    private void Write(string id, string text)
    {
        Cases++;
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16].ToLowerInvariant();
        output.Write(id);
        output.Write('\t');
        output.Write(text.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        output.Write('\t');
        output.Write(hash);
        output.Write('\t');
        output.Write(Escape(text.Length > ExcerptLength ? text[..ExcerptLength] : text));
        output.Write('\n');
        if (FullText)
        {
            foreach (var line in text.Split('\n'))
            {
                output.Write("    | ");
                output.Write(Escape(line));
                output.Write('\n');
            }
        }
    }

    private static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\\' => "\\\\",
                _ when char.IsControl(c) || char.IsSurrogate(c) || c > '~' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }
}
