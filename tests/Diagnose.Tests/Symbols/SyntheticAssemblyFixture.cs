using System.Reflection;
using Diagnose.Symbols;
using NUnit.Framework;

namespace Diagnose.Tests.Symbols;

/// <summary>
/// Base of the tests over <see cref="SyntheticAssembly"/>: a fresh folder and assembly name per test, removed after.
/// </summary>
public abstract class SyntheticAssemblyFixture
{
    protected string Folder { get; private set; } = "";

    protected string Name { get; private set; } = "";

    /// <summary>A document path where no file exists, so only embedded source can give text.</summary>
    protected static string NowhereDocument => "/nonexistent/src/Calc.cs";

    [SetUp]
    public void CreateFolder()
    {
        Name = "Synthetic" + Guid.NewGuid().ToString("N")[..12];
        Folder = Path.Combine(Path.GetTempPath(), "diagnose-symbols-" + Name);
        Directory.CreateDirectory(Folder);
    }

    [TearDown]
    public void DeleteFolder()
    {
        // Loaded assemblies stay mapped; on Linux their files can still be removed.
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private protected string Write(
        SyntheticAssembly.PdbPlacement placement,
        SyntheticAssembly.SourceEmbedding embedding = SyntheticAssembly.SourceEmbedding.None,
        string? documentPath = null,
        string? sourceText = null) =>
        SyntheticAssembly.Write(Folder, Name, placement, embedding, documentPath ?? NowhereDocument, sourceText);

    private protected static MethodSymbols SymbolsOfRun(string assemblyPath) => MethodSymbols.For(SyntheticAssembly.LoadRun(assemblyPath));

    protected MethodInfo LoadRun(string assemblyPath) => SyntheticAssembly.LoadRun(assemblyPath);
}
