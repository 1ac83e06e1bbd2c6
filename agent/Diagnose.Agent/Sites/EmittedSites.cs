using System.Linq.Expressions;
using System.Reflection;
using System.Reflection.Emit;
using Diagnose.Guardrails;
using Diagnose.Hooks;

namespace Diagnose.Sites;

/// <summary>
/// The fast path for a probe site: a static method written with Reflection.Emit that rewritten IL calls directly
/// (no site table, no delegate). Its instruments, tags and expression delegates live in static fields of its own
/// type; simple expressions are inline (see <see cref="ExpressionEmitter"/>). It holds the re-entry guard and
/// catches per instrument like the compiled handler does, and calls each instrument's guardrails (<see cref="ProbeGuard"/>). Only sites whose values are primitives or objects take this
/// path (the method's signature then names no type of the app); the assembly is never collected, so function
/// pointers into it stay valid for code that still runs an older body.
/// </summary>
internal static class EmittedSites
{
    private static readonly object s_gate = new();
    private static readonly object s_moduleGate = new();
    private static ModuleBuilder? s_module;
    private static readonly FieldInfo s_inside = typeof(ReentryGuard).GetField(nameof(ReentryGuard.t_inside), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo s_mayReenter = typeof(Instrument).GetProperty("MayReenter", BindingFlags.NonPublic | BindingFlags.Instance)!.GetMethod!;
    private static readonly MethodInfo s_fail = typeof(SafeDispatch).GetMethod(nameof(SafeDispatch.Fail))!;
    private static readonly MethodInfo s_isEnabled = typeof(Instrument).GetProperty(nameof(Instrument.IsEnabled))!.GetMethod!;
    private static readonly MethodInfo s_fire = typeof(Instrument).GetMethod("Fire", BindingFlags.NonPublic | BindingFlags.Instance)!;
    private static readonly MethodInfo s_record = typeof(NumericInstrument).GetMethod("Record", BindingFlags.NonPublic | BindingFlags.Instance)!;
    private static readonly MethodInfo s_enter = typeof(ProbeGuard).GetMethod(nameof(ProbeGuard.Enter))!;
    private static readonly MethodInfo s_begin = typeof(ProbeGuard).GetMethod(nameof(ProbeGuard.Begin))!;
    private static readonly MethodInfo s_end = typeof(ProbeGuard).GetMethod(nameof(ProbeGuard.End))!;
    private static readonly MethodInfo s_countCall = typeof(ProbeGuard).GetMethod(nameof(ProbeGuard.CountCall))!;
    private static readonly MethodInfo s_countFire = typeof(ProbeGuard).GetMethod(nameof(ProbeGuard.CountFire))!;
    private static readonly MethodInfo s_recordSince = typeof(ElapsedHistogram).GetMethod(nameof(ElapsedHistogram.RecordSince))!;
    private static int s_count;

    /// <summary>True when a site with these values can take the fast path.</summary>
    public static bool Supports(IReadOnlyList<Type> hookTypes) =>
        hookTypes.All(t => t == typeof(object) || t == typeof(IntPtr) || t == typeof(UIntPtr) || (t.IsPrimitive && t != typeof(IntPtr) && t != typeof(UIntPtr)) || t == typeof(decimal));

    /// <summary>Builds the site's hook: <c>static void Fire(int site, T₁ v₁ … Tₙ vₙ)</c>.</summary>
    public static EmittedSite Build(SiteLayout layout, IReadOnlyList<BoundInstrument> instruments, string name)
    {
        using (LoadEventGate.Enter(s_gate))
        {
            var type = EnsureModule().DefineType($"Diagnose.Sites.Emitted.Site{++s_count}.{Sanitize(name)}", TypeAttributes.Public | TypeAttributes.Abstract | TypeAttributes.Sealed | TypeAttributes.Class);
            var values = new List<(FieldBuilder Field, object Value)>();
            FieldInfo StaticField(Type fieldType, object value)
            {
                var field = type.DefineField($"f{values.Count}", fieldType, FieldAttributes.Public | FieldAttributes.Static);
                values.Add((field, value));
                return field;
            }

            var live = type.DefineField("live", typeof(bool), FieldAttributes.Public | FieldAttributes.Static);
            var method = type.DefineMethod("Fire", MethodAttributes.Public | MethodAttributes.Static, typeof(void), [typeof(int), .. layout.Parameters.Select(p => p.Type)]);
            var il = method.GetILGenerator();
            var expressions = new ExpressionEmitter(il, layout.Parameters, StaticField);
            var end = il.DefineLabel();
            il.Emit(OpCodes.Volatile);
            il.Emit(OpCodes.Ldsfld, live);
            il.Emit(OpCodes.Brfalse, end);

            // The re-entry guard, with one thread-static lookup: the flag's address is kept in a byref local. Sites whose
            // instruments call nothing probe-able (they say so, or their IL shows it: CallFreeCode) and whose expressions
            // are plain IL need no guard at all.
            var guarded = instruments.Any(b => MayReenter(b.Instrument) && !CallFreeCode.Proven(b.Instrument))
                || instruments.Any(b => !expressions.IsPlain(b.Input, InputType(b)) || !expressions.IsPlain(b.Tags, typeof(string[])) || (b.Guard is not null && !expressions.IsPlain(b.Guard, typeof(bool))));
            var inside = il.DeclareLocal(typeof(bool).MakeByRefType());
            if (guarded)
            {
                il.Emit(OpCodes.Ldsflda, s_inside);
                il.Emit(OpCodes.Stloc, inside);
                il.Emit(OpCodes.Ldloc, inside);
                il.Emit(OpCodes.Ldind_U1);
                il.Emit(OpCodes.Brtrue, end);
                il.Emit(OpCodes.Ldloc, inside);
                il.Emit(OpCodes.Ldc_I4_1);
                il.Emit(OpCodes.Stind_I1);
                il.BeginExceptionBlock();
            }

            var start = SiteCompiler.ElapsedStart(layout) is { } startParameter ? layout.Parameters.ToList().IndexOf(startParameter) + 1 : -1;
            var error = il.DeclareLocal(typeof(Exception));
            var started = il.DeclareLocal(typeof(long));
            foreach (var bound in instruments)
            {
                // Enabled, then the rate limit (nothing evaluated yet), then the condition, then tokens and max hits.
                var instrument = StaticField(typeof(Instrument), bound.Instrument);
                var guardrails = StaticField(typeof(ProbeGuard), bound.Instrument.Guard);
                if (guarded)
                {
                    bound.Instrument.Guard.MarkTimed();
                }

                // Plain code with neither a rate limit nor max hits (it is never timed): it only counts.
                var counting = !guarded && bound.Instrument.Guard.IsCountingOnly;
                var skip = il.DefineLabel();
                il.BeginExceptionBlock();
                il.Emit(OpCodes.Ldsfld, instrument);
                il.Emit(OpCodes.Call, s_isEnabled);
                il.Emit(OpCodes.Brfalse, skip);
                il.Emit(OpCodes.Ldsfld, guardrails);
                il.Emit(OpCodes.Call, counting ? s_countCall : s_enter);
                if (!counting)
                {
                    il.Emit(OpCodes.Brfalse, skip);
                }

                if (bound.Guard is not null)
                {
                    expressions.Emit(bound.Guard, typeof(bool));
                    il.Emit(OpCodes.Brfalse, skip);
                }

                il.Emit(OpCodes.Ldsfld, guardrails);
                if (counting)
                {
                    il.Emit(OpCodes.Call, s_countFire);
                }
                else
                {
                    il.Emit(OpCodes.Call, s_begin);
                    il.Emit(OpCodes.Stloc, started);
                    il.Emit(OpCodes.Ldloc, started);
                    il.Emit(OpCodes.Ldc_I4_0);
                    il.Emit(OpCodes.Conv_I8);
                    il.Emit(OpCodes.Blt, skip);
                }

                if (bound.Instrument.Guard.Elapsed is { } elapsed && start > 0)
                {
                    // The call's elapsed time, before the fire (so the instrument's own time is not in it).
                    il.Emit(OpCodes.Ldsfld, StaticField(typeof(ElapsedHistogram), elapsed));
                    il.Emit(OpCodes.Ldarg, (short)start);
                    il.Emit(OpCodes.Call, s_recordSince);
                }

                il.Emit(OpCodes.Ldsfld, instrument);
                expressions.Emit(bound.Input, InputType(bound));
                expressions.Emit(bound.Tags, typeof(string[]));
                il.Emit(OpCodes.Callvirt, bound.Instrument is NumericInstrument ? s_record : s_fire);
                if (!counting)
                {
                    il.Emit(OpCodes.Ldsfld, guardrails);
                    il.Emit(OpCodes.Ldloc, started);
                    il.Emit(OpCodes.Call, s_end);
                }

                il.MarkLabel(skip);
                il.BeginCatchBlock(typeof(Exception));
                il.Emit(OpCodes.Stloc, error);
                il.Emit(OpCodes.Ldsfld, instrument);
                il.Emit(OpCodes.Ldloc, error);
                il.Emit(OpCodes.Call, s_fail);
                il.EndExceptionBlock();
            }

            if (guarded)
            {
                il.BeginFinallyBlock();
                il.Emit(OpCodes.Ldloc, inside);
                il.Emit(OpCodes.Ldc_I4_0);
                il.Emit(OpCodes.Stind_I1);
                il.EndExceptionBlock();
            }

            il.MarkLabel(end);
            il.Emit(OpCodes.Ret);

            var created = type.CreateType();
            foreach (var (field, value) in values)
            {
                created.GetField(field.Name)!.SetValue(null, value);
            }

            var liveField = created.GetField(live.Name)!;
            liveField.SetValue(null, true);
            return new EmittedSite(created.GetMethod("Fire")!, () => liveField.SetValue(null, false));
        }
    }

    private static Type InputType(BoundInstrument bound) => bound.Instrument is NumericInstrument ? typeof(double) : typeof(object);

    private static bool MayReenter(Instrument instrument) => (bool)s_mayReenter.Invoke(instrument, null)!;

    private static string Sanitize(string name) => new(name.Select(c => char.IsLetterOrDigit(c) ? c : '_').ToArray());

    /// <summary>
    /// The module of all sites, created on first use. The agent creates it when it starts (<see cref="Engine.Preload"/>),
    /// before any lock of a probe is held: creating a dynamic assembly involves the runtime's loader.
    /// </summary>
    internal static ModuleBuilder EnsureModule()
    {
        if (Volatile.Read(ref s_module) is { } module)
        {
            return module;
        }

        lock (s_moduleGate)
        {
            return s_module ??= CreateModule();
        }
    }

    /// <summary>One non-collectible dynamic assembly for all sites, allowed to use the agent's internals.</summary>
    private static ModuleBuilder CreateModule()
    {
        var assembly = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("Diagnose.Sites.Emitted"), AssemblyBuilderAccess.Run);
        var module = assembly.DefineDynamicModule("Diagnose.Sites.Emitted");
        var ignoresAccessChecks = DefineIgnoresAccessChecksTo(module);
        assembly.SetCustomAttribute(new CustomAttributeBuilder(ignoresAccessChecks.GetConstructor([typeof(string)])!, [typeof(EmittedSites).Assembly.GetName().Name!]));
        return module;
    }

    /// <summary>
    /// The runtime honours System.Runtime.CompilerServices.IgnoresAccessChecksToAttribute defined in the accessing
    /// assembly itself (it is not in the BCL): the emitted hooks call the agent's internal guard and instruments.
    /// </summary>
    private static Type DefineIgnoresAccessChecksTo(ModuleBuilder module)
    {
        var type = module.DefineType("System.Runtime.CompilerServices.IgnoresAccessChecksToAttribute", TypeAttributes.Public | TypeAttributes.Class | TypeAttributes.Sealed, typeof(Attribute));
        var constructor = type.DefineConstructor(MethodAttributes.Public, CallingConventions.HasThis, [typeof(string)]);
        var il = constructor.GetILGenerator();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Call, typeof(Attribute).GetConstructor(BindingFlags.NonPublic | BindingFlags.Instance, Type.EmptyTypes)!);
        il.Emit(OpCodes.Ret);
        return type.CreateType();
    }
}

/// <summary>An emitted site hook and how to retire it (its body then returns at once).</summary>
internal sealed record EmittedSite(MethodInfo EntryPoint, Action Retire);
