using System.Diagnostics;
using System.Reflection;

namespace Diagnose.Hooks;

/// <summary>
/// The entry points that rewritten IL reaches by <c>calli</c> (see Rewriting/ProbeRewriter.cs). Each takes the site
/// id and the captured values, typed: an instantiation over the value's own type for value types (no boxing),
/// <c>object</c> for references. The handler is the site's compiled delegate of the matching Action type; it runs
/// under the re-entry guard, taken here in C# (tier 1 inlines the thread-static access; a compiled handler would not).
/// These must stay static methods of a non-generic type in this (non-collectible) assembly.
/// </summary>
internal static class HookFunctions
{
    public const int MaxValues = 8;

    private static readonly MethodInfo[] s_fire = typeof(HookFunctions)
        .GetMethods(BindingFlags.Public | BindingFlags.Static)
        .Where(m => m.Name.StartsWith("Fire", StringComparison.Ordinal) && char.IsDigit(m.Name[^1]))
        .OrderBy(m => m.GetParameters().Length)
        .ToArray();

    /// <summary>The <c>FireN</c> instantiation for values of the given hook types.</summary>
    public static MethodInfo For(IReadOnlyList<Type> hookTypes)
    {
        if (hookTypes.Count > MaxValues)
        {
            throw new NotSupportedException($"a probe site can capture at most {MaxValues} values, this one needs {hookTypes.Count}");
        }

        var fire = s_fire[hookTypes.Count];
        return hookTypes.Count == 0 ? fire : fire.MakeGenericMethod(hookTypes.ToArray());
    }

    /// <summary>The Action type a handler for values of the given hook types must have.</summary>
    public static Type HandlerType(IReadOnlyList<Type> hookTypes) =>
        hookTypes.Count == 0 ? typeof(Action) : System.Linq.Expressions.Expression.GetActionType(hookTypes.ToArray());

    public static long Timestamp() => Stopwatch.GetTimestamp();

    public static nint TimestampPointer { get; } =
        typeof(HookFunctions).GetMethod(nameof(Timestamp))!.MethodHandle.GetFunctionPointer();

    /// <summary>A new per-call line recorder (methods whose instruments use <c>hotspots</c>).</summary>
    public static object HotspotsBegin() => new HotspotsRecorder();

    public static void HotspotsLine(object recorder, int line)
    {
        if (recorder is HotspotsRecorder hotspots)
        {
            hotspots.Line(line);
        }
    }

    public static nint HotspotsBeginPointer { get; } =
        typeof(HookFunctions).GetMethod(nameof(HotspotsBegin))!.MethodHandle.GetFunctionPointer();

    public static nint HotspotsLinePointer { get; } =
        typeof(HookFunctions).GetMethod(nameof(HotspotsLine))!.MethodHandle.GetFunctionPointer();

    public static void Fire0(int site)
    {
        ref var inside = ref ReentryGuard.Slot;
        if (!inside && SiteTable.Handler(site) is Action handler)
        {
            inside = true;
            try
            {
                handler();
            }
            finally
            {
                inside = false;
            }
        }
    }

    public static void Fire1<T1>(int site, T1 v1)
    {
        ref var inside = ref ReentryGuard.Slot;
        if (!inside && SiteTable.Handler(site) is Action<T1> handler)
        {
            inside = true;
            try
            {
                handler(v1);
            }
            finally
            {
                inside = false;
            }
        }
    }

    public static void Fire2<T1, T2>(int site, T1 v1, T2 v2)
    {
        ref var inside = ref ReentryGuard.Slot;
        if (!inside && SiteTable.Handler(site) is Action<T1, T2> handler)
        {
            inside = true;
            try
            {
                handler(v1, v2);
            }
            finally
            {
                inside = false;
            }
        }
    }

    public static void Fire3<T1, T2, T3>(int site, T1 v1, T2 v2, T3 v3)
    {
        ref var inside = ref ReentryGuard.Slot;
        if (!inside && SiteTable.Handler(site) is Action<T1, T2, T3> handler)
        {
            inside = true;
            try
            {
                handler(v1, v2, v3);
            }
            finally
            {
                inside = false;
            }
        }
    }

    public static void Fire4<T1, T2, T3, T4>(int site, T1 v1, T2 v2, T3 v3, T4 v4)
    {
        ref var inside = ref ReentryGuard.Slot;
        if (!inside && SiteTable.Handler(site) is Action<T1, T2, T3, T4> handler)
        {
            inside = true;
            try
            {
                handler(v1, v2, v3, v4);
            }
            finally
            {
                inside = false;
            }
        }
    }

    public static void Fire5<T1, T2, T3, T4, T5>(int site, T1 v1, T2 v2, T3 v3, T4 v4, T5 v5)
    {
        ref var inside = ref ReentryGuard.Slot;
        if (!inside && SiteTable.Handler(site) is Action<T1, T2, T3, T4, T5> handler)
        {
            inside = true;
            try
            {
                handler(v1, v2, v3, v4, v5);
            }
            finally
            {
                inside = false;
            }
        }
    }

    public static void Fire6<T1, T2, T3, T4, T5, T6>(int site, T1 v1, T2 v2, T3 v3, T4 v4, T5 v5, T6 v6)
    {
        ref var inside = ref ReentryGuard.Slot;
        if (!inside && SiteTable.Handler(site) is Action<T1, T2, T3, T4, T5, T6> handler)
        {
            inside = true;
            try
            {
                handler(v1, v2, v3, v4, v5, v6);
            }
            finally
            {
                inside = false;
            }
        }
    }

    public static void Fire7<T1, T2, T3, T4, T5, T6, T7>(int site, T1 v1, T2 v2, T3 v3, T4 v4, T5 v5, T6 v6, T7 v7)
    {
        ref var inside = ref ReentryGuard.Slot;
        if (!inside && SiteTable.Handler(site) is Action<T1, T2, T3, T4, T5, T6, T7> handler)
        {
            inside = true;
            try
            {
                handler(v1, v2, v3, v4, v5, v6, v7);
            }
            finally
            {
                inside = false;
            }
        }
    }

    public static void Fire8<T1, T2, T3, T4, T5, T6, T7, T8>(int site, T1 v1, T2 v2, T3 v3, T4 v4, T5 v5, T6 v6, T7 v7, T8 v8)
    {
        ref var inside = ref ReentryGuard.Slot;
        if (!inside && SiteTable.Handler(site) is Action<T1, T2, T3, T4, T5, T6, T7, T8> handler)
        {
            inside = true;
            try
            {
                handler(v1, v2, v3, v4, v5, v6, v7, v8);
            }
            finally
            {
                inside = false;
            }
        }
    }
}
