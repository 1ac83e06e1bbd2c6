using System.Diagnostics;
using System.Reflection;
using Diagnose.Expressions;
using NUnit.Framework;

namespace Diagnose.Tests.Expressions;

/// <summary>
/// The default mode refuses what reads the environment, configuration or file system layout, calls and reads alike,
/// naming what the user wrote; unrestricted mode allows it.
/// </summary>
public sealed class SandboxTests
{
    private const string Reason = "(it reads the environment, configuration or file system)";

    private static TestScope Scope(ExpressionOptions? options = null) => new TestScope { Options = options ?? ExpressionOptions.Default }
        .With("order", new Order())
        .With("method", (MethodBase)typeof(Order).GetMethod(nameof(Order.Describe), Type.EmptyTypes)!)
        .With("assembly", typeof(Order).Assembly)
        .With("boxed", (object)typeof(Order))
        .With("file", new FileInfo("/tmp/x"))
        .With("domain", AppDomain.CurrentDomain);

    [OneTimeSetUp]
    public void LoadTheAssembliesTheExpressionsName() => _ = typeof(Process).Assembly;

    [TestCase("Environment.GetEnvironmentVariable(\"PATH\")", "System.Environment.GetEnvironmentVariable", 12)]
    [TestCase("System.Environment.GetEnvironmentVariables()", "System.Environment.GetEnvironmentVariables", 19)]
    [TestCase("Environment.GetCommandLineArgs()", "System.Environment.GetCommandLineArgs", 12)]
    [TestCase("Environment.GetFolderPath(Environment.SpecialFolder.UserProfile)", "System.Environment.GetFolderPath", 12)]
    [TestCase("Environment.ExpandEnvironmentVariables(\"%HOME%\")", "System.Environment.ExpandEnvironmentVariables", 12)]
    [TestCase("AppContext.GetData(\"APP_CONTEXT_BASE_DIRECTORY\")", "System.AppContext.GetData", 11)]
    [TestCase("System.Reflection.Assembly.GetEntryAssembly()", "System.Reflection.Assembly.GetEntryAssembly", 27)]
    [TestCase("System.IO.Path.GetTempPath()", "System.IO.Path.GetTempPath", 15)]
    [TestCase("System.IO.File.ReadAllText(\"/etc/passwd\")", "System.IO.File.ReadAllText", 15)]
    [TestCase("System.IO.Directory.GetFiles(\"/\")", "System.IO.Directory.GetFiles", 20)]
    [TestCase("System.Diagnostics.Process.GetCurrentProcess()", "System.Diagnostics.Process.GetCurrentProcess", 27)]
    [TestCase("file.ToString()", "System.IO.FileSystemInfo.ToString", 5)]
    [TestCase("domain.GetAssemblies()", "System.AppDomain.GetAssemblies", 7)]
    public void ACallThatReadsTheEnvironmentIsRefusedNamingTheMember(string source, string member, int position) =>
        Assert.That(Scope().ErrorOf(source), Is.EqualTo($"calling '{member}' is not allowed {Reason} at {position} in \"{source}\""));

    [TestCase("Environment.CurrentDirectory", "System.Environment.CurrentDirectory", 12)]
    [TestCase("Environment.MachineName", "System.Environment.MachineName", 12)]
    [TestCase("Environment.UserName", "System.Environment.UserName", 12)]
    [TestCase("Environment.CommandLine", "System.Environment.CommandLine", 12)]
    [TestCase("Environment.ProcessPath", "System.Environment.ProcessPath", 12)]
    [TestCase("Environment.OSVersion", "System.Environment.OSVersion", 12)]
    [TestCase("AppContext.BaseDirectory", "System.AppContext.BaseDirectory", 11)]
    [TestCase("AppDomain.CurrentDomain.BaseDirectory", "System.AppDomain.BaseDirectory", 24)]
    [TestCase("typeof(string).Assembly", "System.Type.Assembly", 15)]
    [TestCase("order.GetType().Assembly.Location", "System.Type.Assembly", 16)]
    [TestCase("typeof(Diagnose.Tests.Expressions.Order).Module", "System.Type.Module", 41)]
    [TestCase("method.Module.FullyQualifiedName", "System.Reflection.MemberInfo.Module", 7)]
    [TestCase("assembly.Location", "System.Reflection.Assembly.Location", 9)]
    [TestCase("assembly.CodeBase", "System.Reflection.Assembly.CodeBase", 9)]
    [TestCase("file.FullName", "System.IO.FileSystemInfo.FullName", 5)]
    [TestCase("file.Directory", "System.IO.FileInfo.Directory", 5)]
    [TestCase("domain.SetupInformation", "System.AppDomain.SetupInformation", 7)]
    public void AReadThatReachesTheEnvironmentIsRefusedNamingTheMember(string source, string member, int position) =>
        Assert.That(Scope().ErrorOf(source), Is.EqualTo($"reading '{member}' is not allowed {Reason} at {position} in \"{source}\""));

    [TestCase("System.IO.File.Delete(\"x\")", "System.IO.File.Delete", 15)]
    [TestCase("Environment.Exit(1)", "System.Environment.Exit", 12)]
    [TestCase("Environment.SetEnvironmentVariable(\"a\", \"b\")", "System.Environment.SetEnvironmentVariable", 12)]
    public void ASandboxedCallThatWritesIsRefusedForItsSideEffects(string source, string member, int position) =>
        Assert.That(Scope().ErrorOf(source), Is.EqualTo($"calling '{member}' is not allowed (side effects) at {position} in \"{source}\""));

    [Test]
    public void TheNonPublicFieldsOfASandboxedTypeAreRefusedToo()
    {
        var field = typeof(AppContext).GetFields(BindingFlags.NonPublic | BindingFlags.Static).First();

        Assert.That(Scope().ErrorOf($"AppContext.{field.Name}"), Does.StartWith($"reading 'System.AppContext.{field.Name}' is not allowed {Reason}"));
    }

    [Test]
    public void AReadLeftToRunTimeIsRefusedWhenItRuns()
    {
        var error = Assert.Throws<ExpressionException>(() => Scope().Evaluate("boxed.Assembly"))!;

        Assert.That(error.Message, Does.StartWith("reading 'System.RuntimeType.Assembly' is not allowed " + Reason + " at 6"));
    }

    [Test]
    public void HarmlessMembersOfTheSandboxedTypesStayAllowed()
    {
        var scope = Scope();
        Assert.That(scope.Evaluate("Environment.ProcessorCount"), Is.EqualTo(Environment.ProcessorCount));
        Assert.That(scope.Evaluate("Environment.TickCount64 > 0"), Is.True);
        Assert.That(scope.Evaluate("Environment.ProcessId"), Is.EqualTo(Environment.ProcessId));
        Assert.That(scope.Evaluate("Environment.CurrentManagedThreadId > 0"), Is.True);
        Assert.That(scope.Evaluate("Environment.NewLine"), Is.EqualTo(Environment.NewLine));
        Assert.That(scope.Evaluate("Environment.Is64BitProcess"), Is.EqualTo(Environment.Is64BitProcess));
        Assert.That(scope.Evaluate("System.IO.Path.DirectorySeparatorChar"), Is.EqualTo(Path.DirectorySeparatorChar));
        Assert.That(scope.Evaluate("assembly.FullName"), Is.EqualTo(typeof(Order).Assembly.FullName));
        Assert.That(scope.Evaluate("method.Name + \" of \" + method.DeclaringType.Name"), Is.EqualTo("Describe of Order"));
        Assert.That(scope.Evaluate("order.GetType().FullName"), Is.EqualTo(typeof(Order).FullName));
        Assert.That(scope.Evaluate("domain.Id"), Is.EqualTo(AppDomain.CurrentDomain.Id));
    }

    [Test]
    public void UnrestrictedModeReadsTheEnvironment()
    {
        var scope = Scope(new ExpressionOptions { Unrestricted = true });
        Assert.That(scope.Evaluate("Environment.GetEnvironmentVariable(\"PATH\")"), Is.EqualTo(Environment.GetEnvironmentVariable("PATH")));
        Assert.That(scope.Evaluate("Environment.CurrentDirectory"), Is.EqualTo(Environment.CurrentDirectory));
        Assert.That(scope.Evaluate("typeof(string).Assembly.Location"), Is.EqualTo(typeof(string).Assembly.Location));
    }
}
