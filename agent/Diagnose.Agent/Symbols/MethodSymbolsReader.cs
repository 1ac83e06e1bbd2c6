using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace Diagnose.Symbols;

/// <summary>Reads one method's rows of an open portable PDB: local scopes and variables, sequence points.</summary>
internal static class MethodSymbolsReader
{
    /// <summary>The MethodDef row of a method; the PDB's MethodDebugInformation is indexed by the same row.</summary>
    public static MethodDefinitionHandle DefinitionHandle(MethodBase method) =>
        MetadataTokens.MethodDefinitionHandle(method.MetadataToken & 0x00FFFFFF);

    public static bool HasEntry(MetadataReader reader, MethodDefinitionHandle handle)
    {
        var row = MetadataTokens.GetRowNumber(handle);
        return row >= 1 && row <= reader.MethodDebugInformation.Count;
    }

    /// <summary>
    /// Every variable of every scope of the method, in table order (outer scopes first). Variables whose slot is
    /// not in the method's signature (<paramref name="slotCount"/>, when known) are dropped: such a PDB does not
    /// describe this body.
    /// </summary>
    public static List<LocalSymbol> ReadLocals(MetadataReader reader, MethodDefinitionHandle handle, int? slotCount)
    {
        var locals = new List<LocalSymbol>();
        foreach (var scopeHandle in reader.GetLocalScopes(handle))
        {
            var scope = reader.GetLocalScope(scopeHandle);
            foreach (var variableHandle in scope.GetLocalVariables())
            {
                var variable = reader.GetLocalVariable(variableHandle);
                if (slotCount is { } count && variable.Index >= count)
                {
                    continue;
                }

                var name = reader.GetString(variable.Name);
                var hidden = (variable.Attributes & LocalVariableAttributes.DebuggerHidden) != 0 || IsCompilerGenerated(name);
                locals.Add(new LocalSymbol(variable.Index, name, hidden, scope.StartOffset, scope.EndOffset, SharesSlot: false));
            }
        }

        return MarkSharedSlots(locals);
    }

    public static List<SequencePointSymbol> ReadSequencePoints(ModuleSymbols module, MetadataReader reader, MethodDefinitionHandle handle)
    {
        var points = new List<SequencePointSymbol>();
        DocumentHandle lastHandle = default;
        string? document = null;
        foreach (var point in reader.GetMethodDebugInformation(handle).GetSequencePoints())
        {
            if (point.Document != lastHandle)
            {
                lastHandle = point.Document;
                document = lastHandle.IsNil ? null : module.DocumentName(lastHandle);
            }

            points.Add(point.IsHidden
                ? new SequencePointSymbol(point.Offset, document, 0, 0, 0, 0, IsHidden: true)
                : new SequencePointSymbol(point.Offset, document, point.StartLine, point.StartColumn, point.EndLine, point.EndColumn, IsHidden: false));
        }

        return points;
    }

    /// <summary>The method's single document, else the document of its first visible sequence point, else nil.</summary>
    public static DocumentHandle MainDocument(MetadataReader reader, MethodDefinitionHandle handle)
    {
        var info = reader.GetMethodDebugInformation(handle);
        if (!info.Document.IsNil)
        {
            return info.Document;
        }

        foreach (var point in info.GetSequencePoints())
        {
            if (!point.IsHidden)
            {
                return point.Document;
            }
        }

        return default;
    }

    /// <summary>A name no C# source can declare: the compiler made the local (display classes, spills …).</summary>
    internal static bool IsCompilerGenerated(string name) => name.Length == 0 || name.AsSpan().IndexOfAny("<>$.") >= 0;

    private static List<LocalSymbol> MarkSharedSlots(List<LocalSymbol> locals)
    {
        var namesBySlot = new Dictionary<int, HashSet<string>>();
        foreach (var local in locals)
        {
            if (!namesBySlot.TryGetValue(local.Slot, out var names))
            {
                namesBySlot[local.Slot] = names = new HashSet<string>(StringComparer.Ordinal);
            }

            names.Add(local.Name);
        }

        for (var i = 0; i < locals.Count; i++)
        {
            if (namesBySlot[locals[i].Slot].Count > 1)
            {
                locals[i] = locals[i] with { SharesSlot = true };
            }
        }

        return locals;
    }
}
