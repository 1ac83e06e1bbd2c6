using Diagnose.Expressions;
using NUnit.Framework;

namespace Diagnose.Tests.Expressions;

/// <summary>An unknown name is reported with the names there are and, when the scope knows one, why it may be missing.</summary>
public sealed class UnknownNameTests
{
    [Test]
    public void AnUnknownNameListsTheScopesNamesThenTheGlobals()
    {
        var scope = new TestScope().With("order", 1).With("total", 2m);

        Assert.That(scope.ErrorOf("nosuch"), Is.EqualTo("unknown name 'nosuch' at 0 in \"nosuch\"; names here: order, total, len, mag"));
    }

    [Test]
    public void InsideALambdaItsParametersComeFirst()
    {
        var scope = new TestScope().With("items", new List<int> { 1 });

        Assert.That(scope.ErrorOf("items.Where(x => y > 0).Count()"), Does.Contain("unknown name 'y' at 17").And.EndWith("; names here: x, items, len, mag"));
    }

    [Test]
    public void TheScopesHintFollowsTheList()
    {
        var scope = new TestScope { Hint = n => n == "doubled" ? "a Release build dropped it" : null }.With("n", 3);

        Assert.That(scope.ErrorOf("doubled + 1"), Is.EqualTo("unknown name 'doubled' at 0 in \"doubled + 1\"; names here: n, len, mag; a Release build dropped it"));
        Assert.That(scope.ErrorOf("other"), Is.EqualTo("unknown name 'other' at 0 in \"other\"; names here: n, len, mag"));
    }

    [Test]
    public void ALongListIsCut()
    {
        var scope = new TestScope();
        for (var i = 0; i < 40; i++)
        {
            scope.With($"p{i}", i);
        }

        var error = scope.ErrorOf("nosuch");

        Assert.That(error, Does.Contain("names here: p0, p1, ").And.Contain(", p29, …"));
        Assert.That(error, Does.Not.Contain("p30"));
    }

    [Test]
    public void WithNoNamesAtAllNothingIsListed()
    {
        var scope = new TestScope { Options = new ExpressionOptions { Globals = new Dictionary<string, object?>() } };

        Assert.That(scope.ErrorOf("nosuch"), Is.EqualTo("unknown name 'nosuch' at 0 in \"nosuch\""));
    }

    [Test]
    public void AMisspelledNamespaceIsNotAnsweredWithTheNames() =>
        Assert.That(new TestScope().With("a", 1).ErrorOf("System.IO.Fil.Exists(\"x\")"), Is.EqualTo("unknown name 'System.IO.Fil' at 0 in \"System.IO.Fil.Exists(\"x\")\""));

    [Test]
    public void TheAgentsOwnTypesAreNamedAsTheUserKnowsThem() =>
        Assert.That(new TestScope().ErrorOf("new { a = 1 }.Foo()"), Does.StartWith("'<anonymous object>'"));
}
