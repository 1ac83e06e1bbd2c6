using System.Runtime.CompilerServices;
using Diagnose.Cli.Discovery;
using dnlib.DotNet;
using NUnit.Framework;

namespace Diagnose.Tests.Cli.Discovery;

/// <summary>
/// Compiler-generated methods of this test assembly, read with dnlib from its file: each gets its source form and a
/// target that names it, and its body's lines come from the PDB.
/// </summary>
public sealed class SourceFormsTests
{
    private static ModuleDefMD s_module = null!;

    [OneTimeSetUp]
    public static void ReadThisAssembly() =>
        s_module = ModuleDefMD.Load(typeof(SourceFormsTests).Assembly.Location, new ModuleCreationOptions { TryToLoadPdbFromDisk = true });

    [OneTimeTearDown]
    public static void Close() => s_module.Dispose();

    [Test]
    public void ALambdaIsALambdaInTheMethodThatHoldsIt()
    {
        var lambda = Generated(m => m.Name.StartsWith("<Shapes>b__", StringComparison.Ordinal));
        Assert.That(SourceForms.Of(lambda)!.Text, Is.EqualTo("lambda in Diagnose.Tests.Cli.Discovery.GeneratedShapes.Shapes"));
        Assert.That(MethodTargets.Of(lambda), Does.StartWith("Diagnose.Tests.Cli.Discovery.GeneratedShapes+<>c.<Shapes>b__"));
        Assert.That(MethodTargets.Signature(lambda), Is.EqualTo("int lambda(int x)"));
    }

    [Test]
    public void ALocalFunctionIsNamedAsWritten()
    {
        var local = Generated(m => m.Name.StartsWith("<Shapes>g__Twice|", StringComparison.Ordinal));
        Assert.That(SourceForms.Of(local)!.Text, Is.EqualTo("local function Twice in Diagnose.Tests.Cli.Discovery.GeneratedShapes.Shapes"));
        Assert.That(MethodTargets.Signature(local), Is.EqualTo("int Twice(int y)"));
    }

    [Test]
    public void StateMachinesAreTheBodiesOfTheirMethods()
    {
        Assert.That(SourceForms.Of(Generated(m => m.Name == "MoveNext" && m.DeclaringType.Name.StartsWith("<WaitAsync>")))!.Text, Is.EqualTo("body of the async method Diagnose.Tests.Cli.Discovery.GeneratedShapes.WaitAsync"));
        Assert.That(SourceForms.Of(Generated(m => m.Name == "MoveNext" && m.DeclaringType.Name.StartsWith("<Numbers>")))!.Text, Is.EqualTo("body of the iterator Diagnose.Tests.Cli.Discovery.GeneratedShapes.Numbers"));
    }

    [Test]
    public void AMethodTheUserWroteHasNoSourceFormAndItsLinesComeFromThePdb()
    {
        var shapes = Generated(m => m.Name == "Shapes" && m.DeclaringType.Name == nameof(GeneratedShapes));
        Assert.That(SourceForms.Of(shapes), Is.Null);
        var lines = SourceLines.Of(shapes);
        Assert.That(lines.Document, Does.EndWith("SourceFormsTests.cs"));
        Assert.That(lines.Lines, Has.Count.GreaterThanOrEqualTo(2));
        Assert.That(lines.Location, Is.EqualTo($"SourceFormsTests.cs:{lines.Lines[0]}"));
    }

    [Test]
    public void OverloadsCarryTheirParameterListInTheTarget()
    {
        var overloads = s_module.Find("Diagnose.Tests.Cli.Discovery.GeneratedShapes", isReflectionName: true)!.Methods.Where(m => m.Name == "Overloaded").Select(MethodTargets.Of);
        Assert.That(overloads, Is.EquivalentTo(new[]
        {
            "Diagnose.Tests.Cli.Discovery.GeneratedShapes.Overloaded(int)",
            "Diagnose.Tests.Cli.Discovery.GeneratedShapes.Overloaded(string, ref List<int>)",
        }));
    }

    [Test]
    public void ALambdaOfTopLevelStatementsSaysSo()
    {
        // What the compiler makes of `app.MapGet("/", () => …)` in Program.cs: a lambda of Program.<Main>$.
        using var module = new ModuleDefUser("TopLevel");
        var program = new TypeDefUser("", "Program", module.CorLibTypes.Object.TypeDefOrRef);
        var closure = new TypeDefUser("", "<>c", module.CorLibTypes.Object.TypeDefOrRef);
        module.Types.Add(program);
        program.NestedTypes.Add(closure);
        var handler = new MethodDefUser("<<Main>$>b__0_0", MethodSig.CreateInstance(module.CorLibTypes.String), MethodAttributes.Assembly);
        closure.Methods.Add(handler);
        Assert.That(SourceForms.Of(handler)!.Text, Is.EqualTo("lambda in Program.<Main>$ (top-level statements)"));
        Assert.That(MethodTargets.Of(handler), Is.EqualTo("Program+<>c.<<Main>$>b__0_0"));
    }

    private static MethodDef Generated(Func<MethodDef, bool> which) =>
        s_module.GetTypes().SelectMany(t => t.Methods).Single(which);
}

/// <summary>Methods the compiler makes more of: a lambda, a local function, an async method, an iterator, overloads.</summary>
internal static class GeneratedShapes
{
    public static int Shapes(int n)
    {
        var doubled = Enumerable.Range(0, n).Select(x => x * 2).Sum();
        return Twice(doubled);

        static int Twice(int y) => y * 2;
    }

    public static async Task<int> WaitAsync(int n)
    {
        await Task.Yield();
        return n;
    }

    public static IEnumerable<int> Numbers(int n)
    {
        for (var i = 0; i < n; i++)
        {
            yield return i;
        }
    }

    public static int Overloaded(int a) => a;

    public static int Overloaded(string a, ref List<int> b) => a.Length + b.Count;

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int Keep() => Shapes(1) + WaitAsync(1).Result + Numbers(1).Count();
}
