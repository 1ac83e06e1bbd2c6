using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;

namespace Diagnose.Symbols;

/// <summary>
/// What the portable PDB says about one method: its locals by slot, its sequence points, its source, and for async
/// methods and iterators the state machine that runs the user's code. Made by <see cref="For"/>, which never throws
/// for missing, stale or corrupt symbols: it returns an instance with <see cref="HasSymbols"/> false, a
/// <see cref="MissingReason"/> for self-diagnostics, and the fallback local names <c>local0</c>, <c>local1</c> ….
/// </summary>
/// <remarks>
/// The module's PDB is opened once and cached (see <see cref="ModuleSymbols"/>); after that, reading one method
/// costs a few table lookups. Instances are immutable and safe to share between threads.
/// </remarks>
internal sealed class MethodSymbols
{
    private readonly ModuleSymbols? _module;
    private readonly DocumentHandle _document;
    private readonly Dictionary<string, LocalSymbol> _byName;
    private readonly Dictionary<int, LocalSymbol> _bySlot;
    private readonly Dictionary<string, HoistedLocal> _hoistedByName;

    private MethodSymbols(MethodBase method, Read read)
    {
        Method = method;
        MissingReason = read.MissingReason;
        PdbOrigin = read.Module?.Pdb?.Origin;
        SlotCount = read.SlotCount;
        Locals = read.Locals;
        SequencePoints = read.SequencePoints;
        StateMachineMoveNext = read.MoveNext;
        StateMachineKickoff = read.Kickoff;
        HoistedLocals = read.Hoisted;
        _module = read.Module;
        _document = read.Document;
        DocumentPath = read.Document.IsNil || read.Module is null ? null : read.Module.DocumentName(read.Document);
        _byName = LocalNameRule.ByName(Locals);
        _bySlot = LocalNameRule.BySlot(Locals);
        _hoistedByName = LocalNameRule.ByName(HoistedLocals);
        LocalsAtExit = _byName.Values.OrderBy(l => l.Slot).ThenBy(l => l.Name, StringComparer.Ordinal).ToArray();
    }

    public MethodBase Method { get; }

    /// <summary>The PDB was found and describes this method.</summary>
    public bool HasSymbols => MissingReason is null;

    /// <summary>Why there are no symbols (no file location, no PDB, a Windows or stale PDB, unreadable …); null when there are.</summary>
    public string? MissingReason { get; }

    /// <summary>Where the PDB came from (a file path, or <c>embedded in …</c>); null without symbols.</summary>
    public string? PdbOrigin { get; }

    /// <summary>The number of slots in the method's local signature (0 when it has no body).</summary>
    public int SlotCount { get; }

    /// <summary>
    /// Every declaration of every scope (a slot may appear under several names, a name under several slots; see
    /// <see cref="LocalNameRule"/>), hidden ones included and flagged. Without symbols: one entry per slot named
    /// <c>local{slot}</c> spanning the whole body.
    /// </summary>
    public IReadOnlyList<LocalSymbol> Locals { get; }

    /// <summary>
    /// What the <c>end</c> event offers: one entry per visible name, the declaration chosen by
    /// <see cref="LocalNameRule"/>, ordered by slot. Slots with no source name (compiler temporaries) are not listed
    /// when symbols exist; without symbols every slot is listed as <c>local{slot}</c>.
    /// </summary>
    public IReadOnlyList<LocalSymbol> LocalsAtExit { get; }

    /// <summary>The method's sequence points in IL order (hidden ones included and flagged); empty without symbols.</summary>
    public IReadOnlyList<SequencePointSymbol> SequencePoints { get; }

    /// <summary>
    /// The method's main document: its only document, else the first visible sequence point's; for a kick-off
    /// method without sequence points of its own, MoveNext's. Null without symbols.
    /// </summary>
    public string? DocumentPath { get; }

    /// <summary>The text of <see cref="DocumentPath"/> (embedded source first, then the checksum-verified file).</summary>
    public SourceDocument? Source => _module is null || _document.IsNil ? null : _module.Source(_document);

    /// <summary>
    /// For an async method, iterator or async iterator (the kick-off method): the state machine's MoveNext, where
    /// the user's code and its non-hoisted locals live (<c>MethodSymbols.For(StateMachineMoveNext)</c> reads them).
    /// Found with or without symbols. Null for other methods.
    /// </summary>
    public MethodInfo? StateMachineMoveNext { get; }

    /// <summary>For a state machine's MoveNext: the kick-off method the user wrote. Null for other methods.</summary>
    public MethodBase? StateMachineKickoff { get; }

    /// <summary>
    /// For a kick-off method or its MoveNext: the user's locals hoisted into fields of the state machine, by hoisted
    /// slot (<see cref="StateMachines.HoistedLocals"/>). Names come from the field names, so they are known even
    /// without symbols (then without scopes). Empty for other methods.
    /// </summary>
    public IReadOnlyList<HoistedLocal> HoistedLocals { get; }

    /// <summary>Reads a method's symbols. Never throws except for a null method (a caller's bug).</summary>
    public static MethodSymbols For(MethodBase method)
    {
        ArgumentNullException.ThrowIfNull(method);
        try
        {
            return new MethodSymbols(method, Read.From(method));
        }
        catch (Exception e) when (SymbolLimits.IsReadFailure(e))
        {
            return new MethodSymbols(method, Read.Without(method, $"symbols unreadable ({e.GetType().Name}: {e.Message})"));
        }
    }

    /// <summary>The preferred visible source name of a slot, else <c>local{slot}</c>.</summary>
    public string LocalName(int slot) => _bySlot.TryGetValue(slot, out var local) ? local.Name : LocalSymbol.FallbackName(slot);

    /// <summary>
    /// The slot a name reads at exit (<see cref="LocalNameRule"/>), or null. <c>local{n}</c> names slot n when no
    /// local of that source name exists, so the fallback names work with symbols too.
    /// </summary>
    public int? SlotOf(string name)
    {
        if (_byName.TryGetValue(name, out var local))
        {
            return local.Slot;
        }

        return name.StartsWith("local", StringComparison.Ordinal)
            && int.TryParse(name.AsSpan(5), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var slot)
            && slot < SlotCount
            && LocalSymbol.FallbackName(slot) == name
            ? slot
            : null;
    }

    /// <summary>The hoisted field holding a user's local of this state machine (<see cref="LocalNameRule"/>), or null.</summary>
    public HoistedLocal? FindHoisted(string name) => _hoistedByName.GetValueOrDefault(name);

    /// <summary>
    /// The sequence point whose span contains <paramref name="ilOffset"/> (the last one starting at or before it),
    /// possibly hidden; null before the first point or without symbols.
    /// </summary>
    public SequencePointSymbol? SequencePointAt(int ilOffset)
    {
        int low = 0, high = SequencePoints.Count - 1;
        SequencePointSymbol? found = null;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            if (SequencePoints[middle].ILOffset <= ilOffset)
            {
                found = SequencePoints[middle];
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return found;
    }

    /// <summary>The text of a 1-based line of <see cref="DocumentPath"/>, or null when unavailable.</summary>
    public string? SourceLine(int line) => Source?.Line(line);

    /// <summary>Everything read for one method, before the name rule is applied.</summary>
    private sealed class Read
    {
        public ModuleSymbols? Module { get; private init; }

        public string? MissingReason { get; private init; }

        public int SlotCount { get; private init; }

        public IReadOnlyList<LocalSymbol> Locals { get; private init; } = [];

        public IReadOnlyList<SequencePointSymbol> SequencePoints { get; private init; } = [];

        public DocumentHandle Document { get; private init; }

        public MethodInfo? MoveNext { get; private init; }

        public MethodBase? Kickoff { get; private init; }

        public IReadOnlyList<HoistedLocal> Hoisted { get; private init; } = [];

        public static Read From(MethodBase method)
        {
            if (method is DynamicMethod || method.Module.Assembly.IsDynamic)
            {
                return Without(method, "a dynamic method has no symbols");
            }

            var module = ModuleSymbols.For(method.Module);
            var (moveNext, kickoff, hoisted) = StateMachineOf(method, module);

            var handle = MethodSymbolsReader.DefinitionHandle(method);
            var pdb = module.Pdb;
            var reason = pdb is null ? module.MissingReason
                : !MethodSymbolsReader.HasEntry(pdb.Reader, handle) ? "the PDB has no entry for this method"
                : null;
            if (reason is not null)
            {
                return Without(method, reason, moveNext, kickoff, hoisted);
            }

            var (slotCount, _) = BodyShape(method);
            var document = MethodSymbolsReader.MainDocument(pdb!.Reader, handle);
            if (document.IsNil && moveNext is not null && MethodSymbolsReader.HasEntry(pdb.Reader, MethodSymbolsReader.DefinitionHandle(moveNext)))
            {
                document = MethodSymbolsReader.MainDocument(pdb.Reader, MethodSymbolsReader.DefinitionHandle(moveNext));
            }

            return new Read
            {
                Module = module,
                SlotCount = slotCount ?? 0,
                Locals = MethodSymbolsReader.ReadLocals(pdb.Reader, handle, slotCount),
                SequencePoints = MethodSymbolsReader.ReadSequencePoints(module, pdb.Reader, handle),
                Document = document,
                MoveNext = moveNext,
                Kickoff = kickoff,
                Hoisted = hoisted,
            };
        }

        public static Read Without(MethodBase method, string reason, MethodInfo? moveNext = null, MethodBase? kickoff = null, IReadOnlyList<HoistedLocal>? hoisted = null)
        {
            var (slotCount, length) = BodyShape(method);
            var locals = new LocalSymbol[slotCount ?? 0];
            for (var slot = 0; slot < locals.Length; slot++)
            {
                locals[slot] = new LocalSymbol(slot, LocalSymbol.FallbackName(slot), IsHidden: false, 0, length, SharesSlot: false);
            }

            return new Read
            {
                MissingReason = reason,
                SlotCount = slotCount ?? 0,
                Locals = locals,
                MoveNext = moveNext,
                Kickoff = kickoff,
                Hoisted = hoisted ?? [],
            };
        }

        /// <summary>
        /// The state machine side of a method; nothing when its metadata does not resolve, which costs the state
        /// machine information but not the method's own locals and lines.
        /// </summary>
        private static (MethodInfo? MoveNext, MethodBase? Kickoff, IReadOnlyList<HoistedLocal> Hoisted) StateMachineOf(MethodBase method, ModuleSymbols module)
        {
            try
            {
                var moveNext = StateMachines.MoveNextOf(method, module);
                var kickoff = moveNext is null ? StateMachines.KickoffOf(method, module) : null;
                var machine = moveNext ?? (kickoff is not null ? method as MethodInfo : null);
                return (moveNext, kickoff, machine is null ? [] : StateMachines.HoistedLocals(machine, module));
            }
            catch (Exception e) when (SymbolLimits.IsReadFailure(e))
            {
                AgentLog.Debug($"no state machine information for {method.Name}: {e.GetType().Name}: {e.Message}");
                return (null, null, []);
            }
        }

        /// <summary>Slot count and IL length from reflection; nulls when the method has no readable body.</summary>
        private static (int? SlotCount, int Length) BodyShape(MethodBase method)
        {
            try
            {
                var body = method is DynamicMethod ? null : method.GetMethodBody();
                return body is null ? (null, 0) : (body.LocalVariables.Count, body.GetILAsByteArray()?.Length ?? 0);
            }
            catch (Exception e) when (SymbolLimits.IsReadFailure(e))
            {
                return (null, 0);
            }
        }
    }
}
