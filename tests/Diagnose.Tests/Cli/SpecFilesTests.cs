using Diagnose.Cli;
using Diagnose.Cli.Specs;
using Diagnose.Tests.Protocol.Support;
using NUnit.Framework;

namespace Diagnose.Tests.Cli;

/// <summary>Spec files and directories as <c>apply</c> and <c>attach --specs</c> read them.</summary>
public sealed class SpecFilesTests
{
    private const string A = """{"a": {"target": "A.B.M", "instrument": {"type": "log", "name": "n", "value": "result"}}}""";
    private const string AB = """{"a": {"target": "X.Y.Z", "instrument": {"type": "log", "name": "n", "value": "1"}}, "b": {"target": "A.B.N"}}""";

    [Test]
    public void ADirectoryIsEveryVisibleJsonFileInNameOrderTheFirstIdWinning()
    {
        using var directory = new TemporaryDirectory();
        File.WriteAllText(Path.Combine(directory.Path, "1.json"), A);
        File.WriteAllText(Path.Combine(directory.Path, "2.json"), AB);
        File.WriteAllText(Path.Combine(directory.Path, ".hidden.json"), "broken");
        File.WriteAllText(Path.Combine(directory.Path, "notes.txt"), "ignored");

        var specs = SpecFiles.Read(directory.Path, out var errors, out var warnings);

        Assert.That(specs.Select(s => (s.Id, s.Target)), Is.EqualTo(new[] { ("a", "A.B.M"), ("b", "A.B.N") }));
        Assert.That(specs["b"].IsValid, Is.False, "a bad spec is kept, with its error, for the process to report");
        Assert.That(errors, Is.Empty);
        Assert.That(warnings, Is.EqualTo(new[] { "spec 'a' is in 1.json and in 2.json; the one in 1.json is used" }));
    }

    [Test]
    public void AFileThatIsNotJsonIsAnError()
    {
        using var directory = new TemporaryDirectory();
        var file = Path.Combine(directory.Path, "specs.json");
        File.WriteAllText(file, "{ half");

        var specs = SpecFiles.Read(file, out var errors, out _);

        Assert.That(specs, Is.Empty);
        Assert.That(errors.Single(), Does.StartWith("specs.json is not valid JSON:"));
    }

    [Test]
    public void APathThatDoesNotExistIsAUsageError()
    {
        var error = Assert.Throws<CliException>(() => SpecFiles.Read("/no/such/specs.json", out _, out _))!;

        Assert.That(error.ExitCode, Is.EqualTo(ExitCodes.UsageError));
    }
}
