using System.Reflection;
using System.Reflection.Emit;

namespace IlShapes;

/// <summary>
/// Generates IlShapes.dll (to the path given) with a public static class IlShapes.Shapes:
///   TailSum(int n, int acc)  recursion through a tail.-prefixed call
///   Fault(int x)             a try/fault whose fault block counts in Faults (then the exception goes on)
///   Filter(int x)            a filter written in IL (not C#'s "when" shape): catches when x > 5
///   Huge(int x)              a body over 64 KB with a branch across all of it
/// The assembly is written to disk so it loads as an ordinary module (dynamic modules cannot be re-JIT'd).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var path = args.Length > 0 ? args[0] : "IlShapes.dll";
        var assembly = new PersistedAssemblyBuilder(new AssemblyName("IlShapes"), typeof(object).Assembly);
        var module = assembly.DefineDynamicModule("IlShapes");
        var type = module.DefineType("IlShapes.Shapes", TypeAttributes.Public | TypeAttributes.Abstract | TypeAttributes.Sealed | TypeAttributes.Class);
        var faults = type.DefineField("Faults", typeof(int), FieldAttributes.Public | FieldAttributes.Static);
        TailSum(type);
        Fault(type, faults);
        Filter(type);
        Huge(type);
        type.CreateType();
        assembly.Save(path);
        Console.WriteLine($"wrote {Path.GetFullPath(path)}");
        return 0;
    }

    private static void TailSum(TypeBuilder type)
    {
        var method = type.DefineMethod("TailSum", MethodAttributes.Public | MethodAttributes.Static, typeof(int), [typeof(int), typeof(int)]);
        method.DefineParameter(1, ParameterAttributes.None, "n");
        method.DefineParameter(2, ParameterAttributes.None, "acc");
        var il = method.GetILGenerator();
        var recurse = il.DefineLabel();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Brtrue_S, recurse);
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Ret);
        il.MarkLabel(recurse);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldc_I4_1);
        il.Emit(OpCodes.Sub);
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Add);
        il.Emit(OpCodes.Tailcall);
        il.Emit(OpCodes.Call, method);
        il.Emit(OpCodes.Ret);
    }

    private static void Fault(TypeBuilder type, FieldBuilder faults)
    {
        var method = type.DefineMethod("Fault", MethodAttributes.Public | MethodAttributes.Static, typeof(int), [typeof(int)]);
        method.DefineParameter(1, ParameterAttributes.None, "x");
        var il = method.GetILGenerator();
        var result = il.DeclareLocal(typeof(int));
        il.BeginExceptionBlock();
        il.Emit(OpCodes.Ldc_I4, 100);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Div);
        il.Emit(OpCodes.Stloc, result);
        il.BeginFaultBlock();
        il.Emit(OpCodes.Ldsfld, faults);
        il.Emit(OpCodes.Ldc_I4_1);
        il.Emit(OpCodes.Add);
        il.Emit(OpCodes.Stsfld, faults);
        il.EndExceptionBlock();
        il.Emit(OpCodes.Ldloc, result);
        il.Emit(OpCodes.Ret);
    }

    private static void Filter(TypeBuilder type)
    {
        var method = type.DefineMethod("Filter", MethodAttributes.Public | MethodAttributes.Static, typeof(int), [typeof(int)]);
        method.DefineParameter(1, ParameterAttributes.None, "x");
        var il = method.GetILGenerator();
        var result = il.DeclareLocal(typeof(int));
        il.BeginExceptionBlock();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Box, typeof(int));
        il.Emit(OpCodes.Callvirt, typeof(object).GetMethod(nameof(ToString))!);
        il.Emit(OpCodes.Newobj, typeof(ArgumentException).GetConstructor([typeof(string)])!);
        il.Emit(OpCodes.Throw);
        il.BeginExceptFilterBlock();
        il.Emit(OpCodes.Pop);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldc_I4_5);
        il.Emit(OpCodes.Cgt);
        il.BeginCatchBlock(null!);
        il.Emit(OpCodes.Pop);
        il.Emit(OpCodes.Ldc_I4_M1);
        il.Emit(OpCodes.Stloc, result);
        il.EndExceptionBlock();
        il.Emit(OpCodes.Ldloc, result);
        il.Emit(OpCodes.Ret);
    }

    private static void Huge(TypeBuilder type)
    {
        var method = type.DefineMethod("Huge", MethodAttributes.Public | MethodAttributes.Static, typeof(int), [typeof(int)]);
        method.DefineParameter(1, ParameterAttributes.None, "x");
        var il = method.GetILGenerator();
        var negative = il.DefineLabel();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldc_I4_0);
        il.Emit(OpCodes.Blt, negative); // a long branch across the whole body
        for (var i = 0; i < 8000; i++)
        {
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldc_I4, i % 7);
            il.Emit(OpCodes.Add);
            il.Emit(OpCodes.Starg, (short)0);
        }

        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ret);
        il.MarkLabel(negative);
        il.Emit(OpCodes.Ldc_I4_M1);
        il.Emit(OpCodes.Ret);
    }
}
