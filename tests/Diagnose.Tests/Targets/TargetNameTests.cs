using Diagnose.Targets;
using NUnit.Framework;

namespace Diagnose.Tests.Targets;

public sealed class TargetNameTests
{
    [Test]
    public void AMethodTargetHasItsTypeMemberAndParameters()
    {
        var target = TargetName.Parse("[Shop]Shop.Orders.Submit(int, string)");

        Assert.That((target.Assembly, target.TypeName, target.Member, target.Line, target.File), Is.EqualTo(("Shop", "Shop.Orders", "Submit", (int?)null, (string?)null)));
        Assert.That(target.Parameters, Is.EqualTo(new[] { "int", "string" }));
    }

    [TestCase("Program.cs:44", "Program.cs", 44)]
    [TestCase("Shop/Program.cs:7", "Shop/Program.cs", 7)]
    [TestCase(@"src\Shop\Orders.cs:12", "src/Shop/Orders.cs", 12)]
    [TestCase("Views/Index.cshtml:3", "Views/Index.cshtml", 3)]
    public void AFileLineTargetIsAPathSuffixAndALine(string text, string file, int line)
    {
        var target = TargetName.Parse(text);

        Assert.That((target.File, target.Line, target.Text), Is.EqualTo(((string?)file, (int?)line, text)));
    }

    [Test]
    public void AMethodLineTargetKeepsTheMethodAndAddsTheLine()
    {
        var target = TargetName.Parse("Shop.Orders.Submit(int):44");

        Assert.That((target.TypeName, target.Member, target.Line, target.File, target.Text), Is.EqualTo(("Shop.Orders", "Submit", (int?)44, (string?)null, "Shop.Orders.Submit(int):44")));
        Assert.That(target.Parameters, Is.EqualTo(new[] { "int" }));
    }

    [TestCase("Program.cs:", "after ':' comes a line number (File.cs:44 or Ns.Type.Method:44), not ''")]
    [TestCase("Program.cs:x", "after ':' comes a line number (File.cs:44 or Ns.Type.Method:44), not 'x'")]
    [TestCase("Shop.Orders.Submit:0", "after ':' comes a line number (File.cs:44 or Ns.Type.Method:44), not '0'")]
    [TestCase("Submit:4", "expected Namespace.Type.Method")]
    public void ABadLineTargetSaysWhat(string text, string why) =>
        Assert.That(() => TargetName.Parse(text), Throws.TypeOf<DiagnoseException>().With.Message.EqualTo($"'{text}' is not a valid target: {why}"));

    [TestCase("/src/Shop/Program.cs", "Program.cs", true)]
    [TestCase("/src/Shop/Program.cs", "shop/program.cs", true)]
    [TestCase(@"C:\src\Shop\Program.cs", "Shop/Program.cs", true)]
    [TestCase("/src/Shop/MyProgram.cs", "Program.cs", false)]
    [TestCase("Program.cs", "Program.cs", true)]
    public void ADocumentMatchesOnWholePathSegments(string document, string file, bool matches) =>
        Assert.That(Diagnose.Protocol.Naming.LineTargetText.EndsWithPath(document, file), Is.EqualTo(matches));
}
