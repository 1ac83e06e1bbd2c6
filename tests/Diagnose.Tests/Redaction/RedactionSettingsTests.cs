using System.Text;
using Diagnose.Protocol.Specs;
using Diagnose.Redaction;
using NUnit.Framework;

namespace Diagnose.Tests.Redaction;

public sealed class RedactionSettingsTests
{
    [TestCase(null, new string[0])]
    [TestCase("", new string[0])]
    [TestCase("  ", new string[0])]
    [TestCase("pin", new[] { "pin" })]
    [TestCase(" internalId , customer_ref,, ", new[] { "internalId", "customer_ref" })]
    [TestCase("MyApp.Secrets.*,MyApp.Key", new[] { "MyApp.Secrets.*", "MyApp.Key" })]
    public void EnvironmentListsAreCommaSeparatedTrimmedAndSkipEmptyEntries(string? text, string[] values)
    {
        Assert.That(RedactionSettings.ParseList(text), Is.EqualTo(values));
    }

    [Test]
    public void AFileGivesNamesAndTypes()
    {
        var settings = Parse("""
            // comments and trailing commas are fine
            {"names": ["internalId", "customer_ref"], "types": ["MyApp.Secrets.*",],}
            """);

        Assert.That(settings.Problem, Is.Null);
        Assert.That(settings.Names, Is.EqualTo(new[] { "internalId", "customer_ref" }));
        Assert.That(settings.Types, Is.EqualTo(new[] { "MyApp.Secrets.*" }));
    }

    [Test]
    public void EitherKeyMayBeLeftOut()
    {
        Assert.That(Parse("""{"types": ["A.B"]}""").Names, Is.Empty);
        Assert.That(Parse("{}").Problem, Is.Null);
    }

    [TestCase("{\"names\": [\"pin\"", "/specs/redaction.json is not valid JSON: ")]
    [TestCase("[\"pin\"]", "/specs/redaction.json must be a JSON object like {\"names\": [\"pin\"], \"types\": [\"MyApp.Secrets.*\"]}, not an array")]
    [TestCase("{\"name\": [\"pin\"]}", "/specs/redaction.json has an unknown key 'name' (known: names, types)")]
    [TestCase("{\"names\": \"pin\"}", "/specs/redaction.json 'names' must be an array of strings, not the string \"pin\"")]
    [TestCase("{\"types\": [\"A.*\", 3]}", "/specs/redaction.json 'types'[1] must be a non-empty string, not the number 3")]
    [TestCase("{\"names\": [\"_-.\"]}", "/specs/redaction.json names: \"_-.\" has nothing left to match once '_ - . $ @' are removed")]
    public void AMalformedFileIsAProblemThatSaysWhatIsWrongAndWhatHappensUntilItIsFixed(string json, string problem)
    {
        var settings = Parse(json);

        Assert.That(settings.Problem, Does.StartWith(problem));
        Assert.That(settings.Problem, Does.EndWith("; fix it: until then no probe is installed (values could leave the process unredacted)"));
        Assert.That(settings.Names, Is.Empty);
    }

    [Test]
    public void NoFileIsNoProblem()
    {
        var settings = RedactionSettings.ReadFile(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "redaction.json"));

        Assert.That(settings, Is.EqualTo(RedactionSettings.None));
    }

    [Test]
    public void TheFileIsBesideTheSpecsFileOrInTheSpecsDirectory()
    {
        var directory = Directory.CreateTempSubdirectory("diagnose-redaction-").FullName;
        try
        {
            Assert.That(RedactionFile.Beside(directory), Is.EqualTo(Path.Combine(directory, "redaction.json")));
            Assert.That(RedactionFile.Beside(Path.Combine(directory, "specs.json")), Is.EqualTo(Path.Combine(directory, "redaction.json")));
            Assert.That(RedactionFile.Is(Path.Combine(directory, "Redaction.JSON")), Is.True);
            Assert.That(RedactionFile.Is(Path.Combine(directory, "specs.json")), Is.False);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public void TheSpecsDirectoryStoreDoesNotReadTheRedactionFileAsSpecs()
    {
        var directory = Directory.CreateTempSubdirectory("diagnose-redaction-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, "specs.json"), """{"a": {"target": "A.B.C", "instrument": {"type": "log", "name": "a", "value": "1"}}}""");
            File.WriteAllText(Path.Combine(directory, "redaction.json"), """{"names": ["pin"]}""");
            using var store = new DirectorySpecStore(directory, _ => { });

            var specs = store.Load();

            Assert.That(specs.Select(s => s.Id), Is.EqualTo(new[] { "a" }));
            Assert.That(specs.DocumentErrors, Is.Empty);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public void TheRulesOfASpecsPathAddTheFileToTheBuiltInOnesAndAProblemIsKept()
    {
        var before = Redactor.Current;
        var directory = Directory.CreateTempSubdirectory("diagnose-redaction-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, "redaction.json"), """{"names": ["internalId"], "types": ["Diagnose.Tests.Redaction.Secrets.*"]}""");
            var good = Redactor.UseSpecsPath(Path.Combine(directory, "specs.json"));
            File.WriteAllText(Path.Combine(directory, "redaction.json"), "{ not json");
            var bad = Redactor.UseSpecsPath(directory);

            Assert.That(good.Problem, Is.Null);
            Assert.That(good.IsSensitive("internalId") && good.IsSensitive("password"), Is.True);
            Assert.That(good.Redacts(typeof(Secrets.ApiCredentials)), Is.True);
            Assert.That(bad.Problem, Does.StartWith(Path.Combine(directory, "redaction.json") + " is not valid JSON"));
            Assert.That(bad.IsSensitive("password"), Is.True, "the built-in names hold whatever the file says");
            Assert.That(Redactor.Current, Is.SameAs(bad));
        }
        finally
        {
            Redactor.Use(before);
            Directory.Delete(directory, recursive: true);
        }
    }

    private static RedactionSettings Parse(string json) => RedactionSettings.Parse(Encoding.UTF8.GetBytes(json), "/specs/redaction.json");
}
