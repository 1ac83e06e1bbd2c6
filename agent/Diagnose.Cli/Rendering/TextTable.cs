namespace Diagnose.Cli.Rendering;

/// <summary>Rows of text in columns as wide as their widest cell, two spaces apart.</summary>
internal sealed class TextTable
{
    private readonly List<string[]> _rows = [];

    public TextTable(params string[] header) => _rows.Add(header);

    public void Add(params string[] cells) => _rows.Add(cells);

    public void WriteTo(TextWriter output)
    {
        var columns = _rows.Max(r => r.Length);
        var widths = Enumerable.Range(0, columns).Select(c => _rows.Max(r => c < r.Length ? r[c].Length : 0)).ToArray();
        foreach (var row in _rows)
        {
            var cells = row.Select((cell, c) => c == row.Length - 1 ? cell : cell.PadRight(widths[c]));
            output.WriteLine(string.Join("  ", cells).TrimEnd());
        }
    }
}
