namespace Diagnose.Rewriting;

/// <summary>
/// Builds the instrumented-code map of a rewritten body, so that stack traces (which the runtime computes from the
/// new body's IL offsets) show the original offsets, hence the original file, line and column.
/// One entry per original instruction, at its new offset; the runtime rounds a new offset down to the entry before
/// it, so inserted code (a line hook, the leave after a former ret, the epilogue, filter and fault after the last
/// original instruction) maps to the nearest original instruction before it. When the body begins with inserted
/// code (a prologue), an entry (0, 0) maps that to the method's first instruction instead of to "prolog".
/// Stack traces come out unchanged because the IL-offset boundaries the inserted code adds (its calls leave the
/// stack empty) translate to offsets the original boundaries already covered. A line hook can sit mid-statement (a
/// value the compiler kept on the stack), where the JIT then starts a boundary the original did not have: there the
/// rewriter leaves the statement's instructions up to the hook out of the map (no
/// <see cref="ILInstruction.OriginalOffset"/>), so that boundary rounds down to the statement's start.
/// </summary>
internal static class ILOffsetMap
{
    /// <summary>The map of <paramref name="instructions"/> as the encoder placed them (call after encoding).</summary>
    /// <exception cref="InvalidOperationException">Original instructions are not in their original order.</exception>
    public static IReadOnlyList<ILMapEntry> Build(IReadOnlyList<ILInstruction> instructions)
    {
        var map = new List<ILMapEntry>();
        if (instructions.Count > 0 && instructions[0].OriginalOffset is null)
        {
            map.Add(new ILMapEntry(0, 0));
        }

        foreach (var instruction in instructions)
        {
            if (instruction.OriginalOffset is not { } original)
            {
                continue;
            }

            if (map.Count > 0 && (original < map[^1].OldOffset || instruction.Offset < map[^1].NewOffset))
            {
                // The runtime needs a map sorted by both offsets; the rewriter only inserts, never reorders.
                throw new InvalidOperationException($"the original instruction at IL_{original:X4} moved before IL_{map[^1].OldOffset:X4}");
            }

            map.Add(new ILMapEntry(original, instruction.Offset));
        }

        return map;
    }
}
