using System.Reflection;
using System.Reflection.Emit;

namespace Diagnose.Benchmarks.Engine;

/// <summary>
/// Methods that have never been probed, one per measured apply: an assembly of small static methods
/// (<c>int Mnnn(int x) =&gt; x + 1</c>) written to disk with PersistedAssemblyBuilder and loaded from the file, so
/// it is an ordinary module (a dynamic one cannot be probed). Built once per process.
/// </summary>
public sealed class FreshMethods
{
    public const string TypeName = "Diagnose.Benchmarks.Fresh.Targets";

    private static readonly Lazy<FreshMethods> s_instance = new(() => new FreshMethods(512));

    private readonly MethodInfo[] _methods;
    private int _next;

    private FreshMethods(int count)
    {
        var path = Path.Combine(Path.GetTempPath(), $"Diagnose.Benchmarks.Fresh.{Environment.ProcessId}.dll");
        Write(path, count);
        var type = Assembly.LoadFrom(path).GetType(TypeName, throwOnError: true)!;
        _methods = type.GetMethods(BindingFlags.Public | BindingFlags.Static).OrderBy(m => m.Name, StringComparer.Ordinal).ToArray();
    }

    public static FreshMethods Instance => s_instance.Value;

    /// <summary>The next method nobody has probed yet, called once (JIT-compiled, as a running method is).</summary>
    public (string Target, Func<int, int> Call) Next()
    {
        if (_next >= _methods.Length)
        {
            throw new InvalidOperationException($"all {_methods.Length} fresh methods are used; lower the iteration counts or raise the count");
        }

        var method = _methods[_next++];
        var call = method.CreateDelegate<Func<int, int>>();
        if (call(1) != 2)
        {
            throw new InvalidOperationException($"{method.Name}(1) did not return 2");
        }

        return ($"{TypeName}.{method.Name}", call);
    }

    private static void Write(string path, int count)
    {
        var assembly = new PersistedAssemblyBuilder(new AssemblyName("Diagnose.Benchmarks.Fresh"), typeof(object).Assembly);
        var module = assembly.DefineDynamicModule("Diagnose.Benchmarks.Fresh");
        var type = module.DefineType(TypeName, TypeAttributes.Public | TypeAttributes.Abstract | TypeAttributes.Sealed);
        for (var i = 0; i < count; i++)
        {
            var method = type.DefineMethod($"M{i:D4}", MethodAttributes.Public | MethodAttributes.Static, typeof(int), [typeof(int)]);
            method.DefineParameter(1, ParameterAttributes.None, "x");
            method.SetImplementationFlags(MethodImplAttributes.NoInlining);
            var il = method.GetILGenerator();
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldc_I4_1);
            il.Emit(OpCodes.Add);
            il.Emit(OpCodes.Ret);
        }

        type.CreateType();
        assembly.Save(path);
    }
}
