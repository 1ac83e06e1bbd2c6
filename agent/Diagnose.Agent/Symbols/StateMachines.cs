using System.Globalization;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Runtime.CompilerServices;

namespace Diagnose.Symbols;

/// <summary>
/// Async methods and iterators: the method the user wrote (the kick-off) only creates a state machine; the user's
/// code runs in the state machine's MoveNext, and locals that live across an await or yield become its fields.
/// </summary>
internal static class StateMachines
{
    private const BindingFlags Declared = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public
        | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    /// <summary>Custom debug information kind "StateMachineHoistedLocalScopes" (parent: MoveNext).</summary>
    private static readonly Guid HoistedLocalScopesKind = new("6DA9A61E-F8C7-4874-BE62-68BC5630DF71");

    /// <summary>
    /// The MoveNext a kick-off method's state machine runs: from its <see cref="StateMachineAttribute"/> (async,
    /// iterator and async iterator methods all carry one, symbols or not), else from the PDB's StateMachineMethod
    /// table. For a method of a generic type or a generic method, this is MoveNext on the open state machine type.
    /// </summary>
    public static MethodInfo? MoveNextOf(MethodBase kickoff, ModuleSymbols module)
    {
        if (kickoff.GetCustomAttribute<StateMachineAttribute>(inherit: false)?.StateMachineType is { } type)
        {
            return type.GetMethod("MoveNext", Declared & ~BindingFlags.Static, Type.EmptyTypes);
        }

        var row = module.MoveNextRowOf(MetadataTokens.GetRowNumber(MetadataTokens.EntityHandle(kickoff.MetadataToken)));
        return row == 0 ? null : Resolve(kickoff.Module, row) as MethodInfo;
    }

    /// <summary>The kick-off method whose state machine this MoveNext belongs to, or null for any other method.</summary>
    public static MethodBase? KickoffOf(MethodBase moveNext, ModuleSymbols module)
    {
        if (moveNext.Name != "MoveNext" || moveNext.DeclaringType is not { } stateMachine)
        {
            return null;
        }

        if (module.Pdb is { } pdb)
        {
            var handle = MetadataTokens.MethodDefinitionHandle(MetadataTokens.GetRowNumber(MetadataTokens.EntityHandle(moveNext.MetadataToken)));
            if (MetadataTokens.GetRowNumber(handle) <= pdb.Reader.MethodDebugInformation.Count)
            {
                var kickoff = pdb.Reader.GetMethodDebugInformation(handle).GetStateMachineKickoffMethod();
                if (!kickoff.IsNil)
                {
                    return Resolve(moveNext.Module, MetadataTokens.GetRowNumber(kickoff));
                }
            }
        }

        var definition = stateMachine.IsGenericType ? stateMachine.GetGenericTypeDefinition() : stateMachine;
        return stateMachine.DeclaringType?.GetMethods(Declared)
            .FirstOrDefault(m => m.GetCustomAttribute<StateMachineAttribute>(inherit: false)?.StateMachineType == definition);
    }

    /// <summary>
    /// The user's locals hoisted into fields of MoveNext's state machine: the fields named <c>&lt;name&gt;5__N</c>
    /// (hoisted slot N - 1), with that slot's scope in MoveNext from the PDB when present. Synthesized fields
    /// (<c>&lt;&gt;1__state</c>, <c>&lt;&gt;s__1</c>, awaiters, the display class <c>&lt;&gt;8__1</c>) and hoisted
    /// parameters (fields named as the parameter) are not listed.
    /// </summary>
    public static IReadOnlyList<HoistedLocal> HoistedLocals(MethodInfo moveNext, ModuleSymbols module)
    {
        if (moveNext.DeclaringType is not { } stateMachine)
        {
            return [];
        }

        var scopes = module.Pdb is { } pdb ? HoistedScopes(pdb.Reader, moveNext) : [];
        var locals = new List<HoistedLocal>();
        foreach (var field in stateMachine.GetFields(Declared & ~BindingFlags.Static))
        {
            if (ParseHoistedName(field.Name) is not var (name, slot))
            {
                continue;
            }

            var scope = slot < scopes.Count ? scopes[slot] : null;
            locals.Add(new HoistedLocal(name, slot, field, scope?.Start, scope?.End));
        }

        locals.Sort((a, b) => a.Slot.CompareTo(b.Slot));
        return locals;
    }

    /// <summary><c>&lt;name&gt;5__N</c> → (name, N - 1); anything else → null.</summary>
    internal static (string Name, int Slot)? ParseHoistedName(string fieldName)
    {
        const string marker = ">5__";
        var close = fieldName.IndexOf(marker, StringComparison.Ordinal);
        if (fieldName.Length < 2 || fieldName[0] != '<' || close < 2)
        {
            return null;
        }

        var number = fieldName.AsSpan(close + marker.Length);
        if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var ordinal) || ordinal < 1)
        {
            return null;
        }

        return (fieldName[1..close], ordinal - 1);
    }

    /// <summary>
    /// Blob of StateMachineHoistedLocalScopes: per hoisted slot, start offset (uint32) and length (uint32) in MoveNext;
    /// (0, 0) marks a slot of a synthesized local (no scope).
    /// </summary>
    private static IReadOnlyList<(int Start, int End)?> HoistedScopes(MetadataReader reader, MethodBase moveNext)
    {
        var handle = MetadataTokens.MethodDefinitionHandle(MetadataTokens.GetRowNumber(MetadataTokens.EntityHandle(moveNext.MetadataToken)));
        foreach (var info in reader.GetCustomDebugInformation(handle))
        {
            var entry = reader.GetCustomDebugInformation(info);
            if (reader.GetGuid(entry.Kind) != HoistedLocalScopesKind)
            {
                continue;
            }

            var blob = reader.GetBlobReader(entry.Value);
            var scopes = new List<(int Start, int End)?>(blob.Length / 8);
            while (blob.RemainingBytes >= 8)
            {
                var start = blob.ReadInt32();
                var length = blob.ReadInt32();
                scopes.Add(start == 0 && length == 0 ? null : (start, start + length));
            }

            return scopes;
        }

        return [];
    }

    private static MethodBase? Resolve(Module module, int methodRow)
    {
        try
        {
            return module.ResolveMethod(MetadataTokens.GetToken(MetadataTokens.MethodDefinitionHandle(methodRow)));
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
