using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;
using Diagnose.Symbols;

namespace Diagnose.Sites;

/// <summary>
/// What the agent can tell about a name an instrument uses and its event does not have: that it is a local (read on
/// the end event only), that the method has no symbols (locals are then <c>local0</c>…), or that the name is in the
/// method's source but not among its locals while the assembly is an optimised (Release) build, whose compiler drops
/// locals it does not need. The PDB cannot say more: it lists only the locals the IL kept.
/// </summary>
internal static class MissingNames
{
    /// <summary>The hint for <paramref name="name"/> on <paramref name="event"/>, or null when there is nothing to add.</summary>
    public static string? Explain(string name, InstrumentEvent @event, MethodSymbols symbols)
    {
        var isLocal = symbols.SlotOf(name) is not null;
        var inSource = !isLocal && InSource(name, symbols);
        var dropped = inSource && IsOptimised(symbols.Method)
            ? $"'{name}' is in the method's source but not among its locals: {AssemblyName(symbols.Method)} is an optimised (Release) build, whose compiler drops locals it does not need (parameters are always there); compute the value from the parameters, or probe a Debug build"
            : null;
        if (@event != InstrumentEvent.End)
        {
            return isLocal || inSource
                ? $"locals are read on the end event only (--event end)" + (dropped is null ? "" : "; " + dropped)
                : null;
        }

        if (!symbols.HasSymbols)
        {
            return $"the method has no symbols ({symbols.MissingReason}), so its locals are named local0 to local{Math.Max(symbols.SlotCount - 1, 0)}; put the PDB beside the assembly for their source names";
        }

        return dropped;
    }

    /// <summary>Whether the assembly was compiled with optimisations (no DebuggableAttribute that disables them).</summary>
    public static bool IsOptimised(MethodBase method) =>
        method.Module.Assembly.GetCustomAttribute<DebuggableAttribute>() is not { IsJITOptimizerDisabled: true };

    private static string AssemblyName(MethodBase method) => method.Module.Assembly.GetName().Name ?? method.Module.Name;

    /// <summary>Whether the identifier occurs in the source lines the method's sequence points cover (false without source).</summary>
    private static bool InSource(string name, MethodSymbols symbols)
    {
        var lines = symbols.SequencePoints.Where(p => !p.IsHidden).ToList();
        if (lines.Count == 0 || symbols.Source is not { IsAvailable: true } source)
        {
            return false;
        }

        var word = new Regex($@"(?<![\w@]){Regex.Escape(name)}(?!\w)", RegexOptions.CultureInvariant);
        var first = lines.Min(p => p.StartLine);
        var last = lines.Max(p => p.EndLine);
        for (var line = first; line <= last; line++)
        {
            if (source.Line(line) is { } text && word.IsMatch(text))
            {
                return true;
            }
        }

        return false;
    }
}
