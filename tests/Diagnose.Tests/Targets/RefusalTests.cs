using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.Loader;
using Diagnose.Targets;
using NUnit.Framework;

namespace Diagnose.Tests.Targets;

/// <summary>The refusals of README.md's shapes table that no real target process shows: each names its reason.</summary>
public sealed class RefusalTests
{
    [Test]
    public void ARuntimeImplementedMethodIsRefused() =>
        Assert.That(TargetResolver.Refusal(typeof(Action<int>).GetMethod("Invoke")!), Is.EqualTo("it is implemented by the runtime (no IL)"));

    [Test]
    public void AnAbstractMethodIsRefused() =>
        Assert.That(TargetResolver.Refusal(typeof(Stream).GetMethod(nameof(Stream.Flush), Type.EmptyTypes)!), Does.StartWith("it is abstract"));

    [Test]
    public void AMethodOfADynamicModuleIsRefused()
    {
        var assembly = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("RefusalTests.Dynamic"), AssemblyBuilderAccess.Run);
        var type = assembly.DefineDynamicModule("main").DefineType("Emitted", TypeAttributes.Public);
        var method = type.DefineMethod("Answer", MethodAttributes.Public | MethodAttributes.Static, typeof(int), Type.EmptyTypes);
        var il = method.GetILGenerator();
        il.Emit(OpCodes.Ldc_I4, 42);
        il.Emit(OpCodes.Ret);

        var answer = type.CreateType().GetMethod("Answer")!;

        Assert.That(TargetResolver.Refusal(answer), Is.EqualTo("it is in a dynamic module (Reflection.Emit)"));
    }

    [Test]
    public void AMethodOfACollectibleAssemblyIsRefused()
    {
        var context = new AssemblyLoadContext("RefusalTests.Collectible", isCollectible: true);
        try
        {
            var copy = context.LoadFromAssemblyPath(typeof(RefusalTests).Assembly.Location);
            var method = copy.GetType(typeof(Fixture).FullName!, throwOnError: true)!.GetMethod(nameof(Fixture.Twice))!;

            Assert.That(TargetResolver.Refusal(method), Is.EqualTo("it is in a collectible assembly, which the runtime cannot re-JIT"));
            Assert.That(TargetResolver.Refusal(typeof(Fixture).GetMethod(nameof(Fixture.Twice))!), Is.Null, "the same method, loaded normally, can be probed");
        }
        finally
        {
            context.Unload();
        }
    }

    [Test]
    public void AVarargsMethodIsRefused() =>
        Assert.That(TargetResolver.Refusal(typeof(Fixture).GetMethod(nameof(Fixture.Varargs))!), Is.EqualTo("it takes variable arguments (__arglist)"));

    public static class Fixture
    {
        public static int Twice(int x) => x * 2;

        public static int Varargs(__arglist) => new ArgIterator(__arglist).GetRemainingCount();
    }
}
