using System.Reflection.Metadata;

namespace Diagnose.Rewriting;

/// <summary>
/// Builds the instrumented body of a method from its original body. The shape:
/// <code>
///   [start timestamp] [shadow copies of arguments the body overwrites] [call hook]
///   .try {
///     .try { original body — every ret becomes: stloc result; leave EPILOGUE }
///     filter { stloc exception; ldc.i4.0; endfilter }   // observes, never catches
///     { pop; rethrow }                                     // never entered
///   } fault { [return hook with the exception]; endfinally }
///   EPILOGUE: [return hook]; ldloc result; ret
/// </code>
/// The filter only records the exception (the search goes on and two-pass semantics are kept), the fault runs
/// during unwinding after the body's own finally blocks, and the exception propagates untouched: no catch, no
/// rethrow, original stack trace. Methods with tail calls get call hooks only (their tail calls stay tail calls).
/// No new TypeRef or AssemblyRef is needed: hooks are reached by calli with
/// StandAloneSig tokens of the module, and types in signatures are copied from the method's own blobs.
/// </summary>
internal sealed class ProbeRewriter
{
    private readonly ILBody _body;
    private readonly MethodShape _shape;
    private readonly IModuleTokens _tokens;
    private readonly List<TypeBlob> _locals;
    private readonly Dictionary<int, int> _shadows = new();
    private readonly Dictionary<string, int> _zeroLocals = new();
    private int _resultLocal = -1;
    private int _exceptionLocal = -1;
    private int _timestampLocal = -1;
    private int _hotspotsLocal = -1;
    private int _maxHookStack;

    private ProbeRewriter(ILBody body, MethodShape shape, IModuleTokens tokens)
    {
        _body = body;
        _shape = shape;
        _tokens = tokens;
        _locals = shape.Locals.ToList();
    }

    /// <summary>Rewrites <paramref name="body"/> in place and returns its encoding with the map of its original instructions.</summary>
    /// <exception cref="NotSupportedException">The body has a construct that cannot be instrumented (the message says which).</exception>
    public static RewrittenBody Rewrite(ILBody body, MethodShape shape, ProbePlan plan, IModuleTokens tokens)
    {
        foreach (var capture in new[] { plan.Call, plan.Return }.Concat(plan.LineHooks.Select(l => l.Hook)).Where(h => h is not null).SelectMany(h => h!.Values))
        {
            if (capture.Unavailable is not null)
            {
                throw new InvalidOperationException($"{capture.Source} {capture.Unavailable}");
            }
        }

        var rewriter = new ProbeRewriter(body, shape, tokens);
        rewriter.Apply(plan);
        var il = ILEncoder.Encode(body);
        return new RewrittenBody(il, ILOffsetMap.Build(body.Instructions));
    }

    private void Apply(ProbePlan plan)
    {
        var original = _body.Instructions.ToList();
        if (original.Any(i => i.OpCode == ILOpCode.Jmp))
        {
            throw new NotSupportedException("the method ends with a jmp instruction");
        }

        if (plan.Return is not null && original.Any(i => i.OpCode == ILOpCode.Tail))
        {
            // A tail call must be followed by ret, which the return hook turns into a leave out of a protected region:
            // it would become an ordinary call and deep tail recursion could overflow the stack. Call probes keep it.
            throw new NotSupportedException("it makes tail calls (tail. prefix): return and end probes would turn them into ordinary calls, which can overflow the stack in deep recursion; call probes work");
        }

        var prologue = new List<ILInstruction>();
        if (plan.Return is { } hotspotsHook && hotspotsHook.Values.Any(v => v.Source.Kind == ValueSourceKind.Hotspots))
        {
            AddLineHooks(plan, original, prologue);
        }

        if (plan.Return is { } returnHook)
        {
            PrepareReturn(returnHook, plan, prologue);
        }

        AddProbeLineHooks(plan, original);

        if (plan.Call is { } callHook)
        {
            prologue.AddRange(HookCallInstructions(callHook, exceptional: false));
        }

        if (plan.Return is not null)
        {
            WrapBody(plan.Return, original);
        }

        _body.Instructions.InsertRange(0, prologue);
        _body.InitLocals = true; // added locals (result, defaults) must start zeroed
        _body.MaxStack = Math.Max(_body.MaxStack, _maxHookStack);
        if (_locals.Count != _shape.Locals.Count)
        {
            _body.LocalSignatureToken = _tokens.GetTokenFromSig(SignatureReader.WriteLocals(_locals));
        }
    }

    private void PrepareReturn(HookCall hook, ProbePlan plan, List<ILInstruction> prologue)
    {
        _resultLocal = _shape.ReturnsValue ? AddLocal(_shape.Signature.ReturnType) : -1;
        _exceptionLocal = AddLocal(new TypeBlob([(byte)SignatureTypeCode.Object], TypeBlobKind.Reference));
        if (hook.Values.Any(v => v.Source.Kind == ValueSourceKind.StartTimestamp))
        {
            if (plan.TimestampFunction == 0)
            {
                throw new InvalidOperationException("a start timestamp is captured but no timestamp function was given");
            }

            _timestampLocal = AddLocal(new TypeBlob([(byte)SignatureTypeCode.I8], TypeBlobKind.Value));
            prologue.Add(new ILInstruction(ILOpCode.Ldc_i8, plan.TimestampFunction));
            prologue.Add(new ILInstruction(ILOpCode.Conv_i));
            prologue.Add(new ILInstruction(ILOpCode.Calli, _tokens.GetTokenFromSig(SignatureReader.WriteStaticCall([], [(byte)SignatureTypeCode.I8]))));
            prologue.Add(new ILInstruction(ILOpCode.Stloc, _timestampLocal));
            _maxHookStack = Math.Max(_maxHookStack, 1);
        }

        // Arguments the body may overwrite are copied on entry, so the return hook sees what the caller passed.
        var written = WrittenArgumentSlots();
        foreach (var capture in hook.Values.Where(v => v.Source.Kind == ValueSourceKind.Argument))
        {
            var slot = _shape.ArgumentSlot(capture.Source.Index);
            if (written.Contains(slot) && !_shadows.ContainsKey(slot))
            {
                _shadows[slot] = AddLocal(capture.Blob);
                prologue.Add(new ILInstruction(ILOpCode.Ldarg, slot));
                prologue.Add(new ILInstruction(ILOpCode.Stloc, _shadows[slot]));
            }
        }
    }

    private void WrapBody(HookCall hook, List<ILInstruction> original)
    {
        var epilogue = HookCallInstructions(hook, exceptional: false);
        var epilogueStart = epilogue[0];
        for (var i = 0; i < _body.Instructions.Count; i++)
        {
            var instruction = _body.Instructions[i];
            if (instruction.OpCode != ILOpCode.Ret)
            {
                continue;
            }

            // The ret keeps its identity (branches to it stay valid) and becomes the store or the leave.
            if (_resultLocal >= 0)
            {
                instruction.OpCode = ILOpCode.Stloc;
                instruction.Operand = _resultLocal;
                _body.Instructions.Insert(++i, ILInstruction.Branch(ILOpCode.Leave, epilogueStart));
            }
            else
            {
                instruction.OpCode = ILOpCode.Leave;
                instruction.Target = epilogueStart;
            }
        }

        var filterStart = new ILInstruction(ILOpCode.Stloc, _exceptionLocal);
        var filterHandler = new ILInstruction(ILOpCode.Pop);
        var faultBlock = HookCallInstructions(hook, exceptional: true);
        _body.Instructions.AddRange(
        [
            filterStart,
            new ILInstruction(ILOpCode.Ldc_i4_0),
            new ILInstruction(ILOpCode.Endfilter),
            filterHandler,
            new ILInstruction(ILOpCode.Rethrow),
        ]);
        _body.Instructions.AddRange(faultBlock);
        _body.Instructions.Add(new ILInstruction(ILOpCode.Endfinally));
        _body.Instructions.AddRange(epilogue);
        if (_resultLocal >= 0)
        {
            _body.Instructions.Add(new ILInstruction(ILOpCode.Ldloc, _resultLocal));
        }

        _body.Instructions.Add(new ILInstruction(ILOpCode.Ret));

        var tryStart = original[0];
        _body.Clauses.Add(new ExceptionClause
        {
            Kind = ExceptionRegionKind.Filter,
            TryStart = tryStart,
            TryEnd = filterStart,
            FilterStart = filterStart,
            HandlerStart = filterHandler,
            HandlerEnd = faultBlock[0],
        });
        _body.Clauses.Add(new ExceptionClause
        {
            Kind = ExceptionRegionKind.Fault,
            TryStart = tryStart,
            TryEnd = faultBlock[0],
            HandlerStart = faultBlock[0],
            HandlerEnd = epilogueStart,
        });
    }

    /// <summary>
    /// Hotspots: a recorder made on entry and kept in a local, and before every visible sequence point
    /// <c>ldloc recorder; ldc.i4 line; calli HotspotsLine</c>. The hook takes the place of the instruction it precedes
    /// (which moves after it), so branches and clause starts that led to the line now lead to its hook.
    /// </summary>
    private void AddLineHooks(ProbePlan plan, List<ILInstruction> original, List<ILInstruction> prologue)
    {
        if (plan.HotspotsBeginFunction == 0 || plan.HotspotsLineFunction == 0)
        {
            throw new InvalidOperationException("hotspots are captured but the hotspots functions were not given");
        }

        if (plan.Lines.Count == 0)
        {
            throw new NotSupportedException("hotspots need line information: the method has no sequence points (no portable PDB?)");
        }

        _hotspotsLocal = AddLocal(new TypeBlob([(byte)SignatureTypeCode.Object], TypeBlobKind.Reference));
        prologue.Add(new ILInstruction(ILOpCode.Ldc_i8, plan.HotspotsBeginFunction));
        prologue.Add(new ILInstruction(ILOpCode.Conv_i));
        prologue.Add(new ILInstruction(ILOpCode.Calli, _tokens.GetTokenFromSig(SignatureReader.WriteStaticCall([], [(byte)SignatureTypeCode.Object]))));
        prologue.Add(new ILInstruction(ILOpCode.Stloc, _hotspotsLocal));

        var emptyStack = plan.CallEffects is { } effects ? StackDepths.WhereEmpty(_body, effects) : null;
        var movedFrom = new Dictionary<ILInstruction, ILInstruction>();
        var lineSignature = _tokens.GetTokenFromSig(SignatureReader.WriteStaticCall([[(byte)SignatureTypeCode.Object], [(byte)SignatureTypeCode.I4]]));
        var byOffset = original.ToDictionary(i => i.Offset);
        foreach (var (offset, line) in plan.Lines)
        {
            if (!byOffset.TryGetValue(offset, out var at))
            {
                continue; // a sequence point that does not start an instruction: no place for a hook
            }

            // The hook takes the instruction's place (see TakePlace).
            if (emptyStack is not null && !emptyStack.Contains(at))
            {
                // Mid-statement (a value on the stack, e.g. a local the compiler kept there) the original had no
                // IL-offset boundary, but the JIT starts one after the hook: the instructions from the statement's
                // start to here leave the map, so that boundary rounds down to the statement's start as before.
                for (var k = original.IndexOf(at); k >= 0 && !emptyStack.Contains(original[k]); k--)
                {
                    original[k].OriginalOffset = null;
                    if (movedFrom.TryGetValue(original[k], out var earlier))
                    {
                        earlier.OriginalOffset = null;
                    }
                }
            }

            movedFrom[at] = TakePlace(at,
            [
                new ILInstruction(ILOpCode.Ldloc, _hotspotsLocal),
                new ILInstruction(ILOpCode.Ldc_i4, line),
                new ILInstruction(ILOpCode.Ldc_i8, plan.HotspotsLineFunction),
                new ILInstruction(ILOpCode.Conv_i),
                new ILInstruction(ILOpCode.Calli, lineSignature),
            ]);
        }

        _maxHookStack = Math.Max(_maxHookStack, _body.MaxStack + 3);
    }

    /// <summary>
    /// Line probes: before the instruction at each sequence point's offset, a call of its hook with the values there
    /// (arguments as they are now, locals, this). Like a hotspots hook it takes the place of the instruction, so that
    /// every branch to the line runs it; a hotspots hook at the same point already did, and stays right after it.
    /// </summary>
    private void AddProbeLineHooks(ProbePlan plan, List<ILInstruction> original)
    {
        var byOffset = original.ToDictionary(i => i.Offset);
        foreach (var (offset, hook) in plan.LineHooks)
        {
            if (!byOffset.TryGetValue(offset, out var at))
            {
                throw new NotSupportedException($"the line's sequence point (IL offset {offset}) does not start an instruction");
            }

            TakePlace(at, HookCallInstructions(hook, exceptional: false, live: true));
            _maxHookStack = Math.Max(_maxHookStack, _body.MaxStack + hook.Values.Count + 2);
        }
    }

    /// <summary>
    /// Puts <paramref name="hook"/> where <paramref name="at"/> is: <paramref name="at"/> becomes the hook's first
    /// instruction (branches and clause starts that led to it now run the hook) and a copy of it follows the hook. The
    /// hook keeps the instruction's identity but not its original offset: the copy keeps that, and the hook maps to the
    /// original code before it (the JIT's boundary at a hook that starts a statement then merges with the one before,
    /// and the statement's own boundary is the moved instruction's). Returns the copy.
    /// </summary>
    private ILInstruction TakePlace(ILInstruction at, List<ILInstruction> hook)
    {
        var moved = new ILInstruction(at.OpCode, at.Operand) { Target = at.Target, Targets = at.Targets, Offset = at.Offset, OriginalOffset = at.OriginalOffset };
        var first = hook[0];
        at.OriginalOffset = null;
        at.OpCode = first.OpCode;
        at.Operand = first.Operand;
        at.Target = first.Target;
        at.Targets = first.Targets;
        var index = _body.Instructions.IndexOf(at);
        _body.Instructions.InsertRange(index + 1, hook.Skip(1).Append(moved));
        return moved;
    }

    /// <summary>ldc.i4 site; values…; ldc.i8 pointer; conv.i; calli (int, …) → void.</summary>
    private List<ILInstruction> HookCallInstructions(HookCall hook, bool exceptional, bool live = false)
    {
        var instructions = new List<ILInstruction> { new(ILOpCode.Ldc_i4, hook.SiteId) };
        var parameters = new List<byte[]> { new[] { (byte)SignatureTypeCode.I4 } };
        foreach (var capture in hook.Values)
        {
            if (exceptional && capture.Source.Kind == ValueSourceKind.Result)
            {
                // No result when the method throws; reading a ref result could even throw.
                instructions.AddRange(DefaultOf(capture));
            }
            else
            {
                instructions.AddRange(Load(capture, live));
            }

            parameters.Add(HookParameterBlob(capture));
        }

        instructions.Add(new ILInstruction(ILOpCode.Ldc_i8, hook.FunctionPointer));
        instructions.Add(new ILInstruction(ILOpCode.Conv_i));
        instructions.Add(new ILInstruction(ILOpCode.Calli, _tokens.GetTokenFromSig(SignatureReader.WriteStaticCall(parameters))));
        _maxHookStack = Math.Max(_maxHookStack, hook.Values.Count + 2);
        return instructions;
    }

    private static byte[] HookParameterBlob(Capture capture) =>
        capture.HookType == typeof(object) ? [(byte)SignatureTypeCode.Object]
        : capture.HookType == typeof(IntPtr) ? [(byte)SignatureTypeCode.IntPtr]
        : capture.ValueBlob.Unmodified();

    /// <summary>Pushes the captured value as the hook parameter type; never throws.</summary>
    /// <param name="capture">The value.</param>
    /// <param name="live">An argument as it is now (a line hook), not the copy taken on entry that return hooks read.</param>
    private List<ILInstruction> Load(Capture capture, bool live = false)
    {
        var source = capture.Source;
        var load = source.Kind switch
        {
            ValueSourceKind.Argument when !live && _shadows.TryGetValue(_shape.ArgumentSlot(source.Index), out var shadow) => new ILInstruction(ILOpCode.Ldloc, shadow),
            ValueSourceKind.Argument => new ILInstruction(ILOpCode.Ldarg, _shape.ArgumentSlot(source.Index)),
            ValueSourceKind.This => new ILInstruction(ILOpCode.Ldarg, 0),
            ValueSourceKind.Result => new ILInstruction(ILOpCode.Ldloc, _resultLocal),
            ValueSourceKind.Exception => new ILInstruction(ILOpCode.Ldloc, _exceptionLocal),
            ValueSourceKind.StartTimestamp => new ILInstruction(ILOpCode.Ldloc, _timestampLocal),
            ValueSourceKind.Local => new ILInstruction(ILOpCode.Ldloc, source.Index),
            ValueSourceKind.Hotspots => new ILInstruction(ILOpCode.Ldloc, _hotspotsLocal),
            _ => throw new ArgumentOutOfRangeException(nameof(capture)),
        };
        var instructions = new List<ILInstruction> { load };
        var throughPointer = capture.Dereference || (source.Kind == ValueSourceKind.This && capture.Blob.Kind != TypeBlobKind.Reference);
        if (!throughPointer)
        {
            if (capture.ValueBlob.Kind == TypeBlobKind.GenericDependent)
            {
                instructions.Add(new ILInstruction(ILOpCode.Box, TypeSpec(capture.ValueBlob)));
            }

            return instructions;
        }

        // pointer; dup; brtrue DEREF; pop; default; br DONE; DEREF: read [box]; DONE:
        var done = new ILInstruction(ILOpCode.Nop);
        var read = Dereference(capture.ValueBlob);
        if (capture.ValueBlob.Kind == TypeBlobKind.GenericDependent)
        {
            read.Add(new ILInstruction(ILOpCode.Box, TypeSpec(capture.ValueBlob)));
        }

        instructions.Add(new ILInstruction(ILOpCode.Dup));
        instructions.Add(ILInstruction.Branch(ILOpCode.Brtrue, read[0]));
        instructions.Add(new ILInstruction(ILOpCode.Pop));
        instructions.AddRange(DefaultOf(capture));
        instructions.Add(ILInstruction.Branch(ILOpCode.Br, done));
        instructions.AddRange(read);
        instructions.Add(done);
        return instructions;
    }

    /// <summary>Pushes the default value of the hook parameter type.</summary>
    private List<ILInstruction> DefaultOf(Capture capture)
    {
        if (capture.HookType == typeof(object))
        {
            return [new ILInstruction(ILOpCode.Ldnull)];
        }

        if (capture.HookType == typeof(IntPtr))
        {
            return [new ILInstruction(ILOpCode.Ldc_i4_0), new ILInstruction(ILOpCode.Conv_i)];
        }

        var blob = capture.ValueBlob.Unmodified();
        var key = Convert.ToHexString(blob);
        if (!_zeroLocals.TryGetValue(key, out var local))
        {
            local = AddLocal(new TypeBlob(blob, TypeBlobKind.Value));
            _zeroLocals[key] = local;
        }

        return [new ILInstruction(ILOpCode.Ldloc, local)];
    }

    /// <summary>Reads a value of the given type through the managed pointer on the stack.</summary>
    private List<ILInstruction> Dereference(TypeBlob valueBlob)
    {
        var blob = valueBlob.Unmodified();
        var indirect = (SignatureTypeCode)blob[0] switch
        {
            SignatureTypeCode.Boolean or SignatureTypeCode.U1 => ILOpCode.Ldind_u1,
            SignatureTypeCode.I1 => ILOpCode.Ldind_i1,
            SignatureTypeCode.Char or SignatureTypeCode.U2 => ILOpCode.Ldind_u2,
            SignatureTypeCode.I2 => ILOpCode.Ldind_i2,
            SignatureTypeCode.I4 => ILOpCode.Ldind_i4,
            SignatureTypeCode.U4 => ILOpCode.Ldind_u4,
            SignatureTypeCode.I8 or SignatureTypeCode.U8 => ILOpCode.Ldind_i8,
            SignatureTypeCode.R4 => ILOpCode.Ldind_r4,
            SignatureTypeCode.R8 => ILOpCode.Ldind_r8,
            SignatureTypeCode.IntPtr or SignatureTypeCode.UIntPtr => ILOpCode.Ldind_i,
            _ when valueBlob.Kind == TypeBlobKind.Reference => ILOpCode.Ldind_ref,
            _ when valueBlob.Kind == TypeBlobKind.Pointer => ILOpCode.Ldind_i,
            _ => ILOpCode.Ldobj,
        };
        return indirect == ILOpCode.Ldobj
            ? [new ILInstruction(ILOpCode.Ldobj, TypeToken(valueBlob))]
            : [new ILInstruction(indirect)];
    }

    /// <summary>The TypeDef/TypeRef token a plain VALUETYPE blob names, or a TypeSpec token for anything else.</summary>
    private int TypeToken(TypeBlob valueBlob)
    {
        var blob = valueBlob.Unmodified();
        if (blob[0] == (byte)SignatureTypeCode.ValueType)
        {
            var encoded = SignatureReader.ReadCompressed(blob.AsSpan(1));
            var table = (encoded & 3) switch { 0 => 0x02, 1 => 0x01, _ => 0x1B };
            return (table << 24) | (encoded >> 2);
        }

        return TypeSpec(valueBlob);
    }

    private int TypeSpec(TypeBlob valueBlob) => _tokens.GetTokenFromTypeSpec(valueBlob.Unmodified());

    private int AddLocal(TypeBlob type)
    {
        _locals.Add(type);
        return _locals.Count - 1;
    }

    /// <summary>Argument slots that the original body stores to or takes the address of.</summary>
    private HashSet<int> WrittenArgumentSlots()
    {
        var slots = new HashSet<int>();
        foreach (var instruction in _body.Instructions)
        {
            if (instruction.OpCode is ILOpCode.Starg or ILOpCode.Starg_s or ILOpCode.Ldarga or ILOpCode.Ldarga_s)
            {
                slots.Add((int)instruction.Operand);
            }
        }

        return slots;
    }
}
