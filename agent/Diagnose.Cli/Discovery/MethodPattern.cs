using System.Text.RegularExpressions;

namespace Diagnose.Cli.Discovery;

/// <summary>
/// What <c>methods</c> is asked for: nothing (every method), a substring of the name (<c>Shop.Orders</c>), a glob
/// (<c>*Checkout*</c>, whole name, <c>*</c> and <c>?</c>) or a source file (<c>Program.cs</c>, a path suffix of the
/// PDB's document). Names are compared without regard to case, nested types written with '.' or '+'. An assembly
/// qualifier <c>[Name]</c> keeps to that assembly.
/// </summary>
internal sealed class MethodPattern
{
    private static readonly string[] s_sourceExtensions = [".cs", ".vb", ".fs"];
    private static readonly string[] s_frameworkRoots = ["System", "Microsoft", "Internal", "Interop", "mscorlib", "netstandard", "WindowsBase"];
    private readonly Regex? _glob;

    private MethodPattern(string? text, string? assembly, string core, bool isFile)
    {
        Text = text;
        Assembly = assembly;
        Core = core;
        IsFile = isFile;
        _glob = core.IndexOfAny(['*', '?']) >= 0
            ? new Regex("^" + Regex.Escape(core).Replace(@"\*", ".*").Replace(@"\?", ".") + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)
            : null;
    }

    /// <summary>The pattern as given (null: every method).</summary>
    public string? Text { get; }

    /// <summary>The assembly qualifier, or null.</summary>
    public string? Assembly { get; }

    /// <summary>The pattern without its assembly qualifier.</summary>
    public string Core { get; }

    /// <summary>A source file rather than a name.</summary>
    public bool IsFile { get; }

    public static MethodPattern Parse(string? text)
    {
        var core = (text ?? "").Trim();
        string? assembly = null;
        if (core.StartsWith('[') && core.IndexOf(']') is var close and > 1)
        {
            assembly = core[1..close];
            core = core[(close + 1)..];
        }

        var isFile = core.Contains('/') || s_sourceExtensions.Any(e => core.EndsWith(e, StringComparison.OrdinalIgnoreCase));
        return new MethodPattern(text, assembly, core, isFile);
    }

    /// <summary>
    /// True when the pattern names framework code explicitly: an assembly qualifier, or a name that starts with a
    /// framework namespace (<c>System.String.Join</c>).
    /// </summary>
    public bool NamesFramework => Assembly is not null || (!IsFile && s_frameworkRoots.Any(r => Core.StartsWith(r, StringComparison.OrdinalIgnoreCase)));

    /// <summary>True when the assembly's methods can match (its name, when the pattern has a qualifier).</summary>
    public bool MayMatchAssembly(string name) => Assembly is null || string.Equals(Assembly, name, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// True when a framework assembly can hold what the pattern names: the one its qualifier names, else
    /// System.Private.CoreLib or one whose name begins the pattern (<c>System.Text.Json</c> for
    /// <c>System.Text.Json.JsonSerializer.Serialize</c>): framework types live in the assembly of their namespace.
    /// </summary>
    public bool MayMatchFrameworkAssembly(string name)
    {
        if (Assembly is not null)
        {
            return MayMatchAssembly(name);
        }

        var literal = Core.Split('*', '?')[0];
        return name == "System.Private.CoreLib" || literal.StartsWith(name + ".", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>True when one of the names of a method matches (its target, and for generated code its source form).</summary>
    public bool MatchesName(IEnumerable<string?> names) => Core.Length == 0 || names.OfType<string>().Any(MatchesOne);

    /// <summary>True when the method's document ends with the pattern (as a path: <c>Program.cs</c> is not <c>MyProgram.cs</c>).</summary>
    public bool MatchesFile(string? document)
    {
        if (document is null)
        {
            return false;
        }

        var path = document.Replace('\\', '/');
        if (_glob is not null)
        {
            return _glob.IsMatch(path) || _glob.IsMatch(Path.GetFileName(path));
        }

        return path.EndsWith("/" + Core.TrimStart('/'), StringComparison.OrdinalIgnoreCase) || string.Equals(path, Core, StringComparison.OrdinalIgnoreCase);
    }

    private bool MatchesOne(string name)
    {
        var dotted = name.Replace('+', '.');
        var core = Core.Replace('+', '.');
        return _glob is not null
            ? _glob.IsMatch(name) || _glob.IsMatch(dotted)
            : dotted.Contains(core, StringComparison.OrdinalIgnoreCase);
    }
}
