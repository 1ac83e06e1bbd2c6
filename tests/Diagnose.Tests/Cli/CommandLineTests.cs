using System.CommandLine;
using Diagnose.Cli;
using NUnit.Framework;

namespace Diagnose.Tests.Cli;

/// <summary>The command tree: every command SPEC.md lists, each with help and an example; bad input is a parse error.</summary>
public sealed class CommandLineTests
{
    [Test]
    public void EveryCommandOfTheSpecIsThere()
    {
        var root = Program.CreateRoot();

        Assert.That(root.Subcommands.Select(c => c.Name), Is.EquivalentTo(new[] { "ps", "run", "env", "attach", "probe", "apply", "watch", "sidecar", "methods", "check", "doctor", "sign", "top", "hotspots" }));
        Assert.That(root.Subcommands.Single(c => c.Name == "probe").Subcommands.Select(c => c.Name), Is.EqualTo(new[] { "add", "ls", "rm" }));
    }

    [Test]
    public void EveryCommandExplainsItselfWithAnExample()
    {
        foreach (var command in All(Program.CreateRoot()).Skip(1))
        {
            Assert.That(command.Description, Does.Contain("Example").And.Contain("diagnose "), command.Name);
            Assert.That(command.Options.Concat<Symbol>(command.Arguments).All(s => !string.IsNullOrWhiteSpace(s.Description)), Is.True, command.Name);
        }
    }

    [TestCase("probe add 42")]
    [TestCase("probe add 42 A.B.M --event exit")]
    [TestCase("probe add 42 A.B.M --lifespan soon")]
    [TestCase("probe add x A.B.M")]
    [TestCase("probe rm 42")]
    [TestCase("probe")]
    [TestCase("apply 42")]
    [TestCase("watch")]
    [TestCase("sidecar")]
    [TestCase("frobnicate")]
    public void BadCommandLinesAreParseErrors(string line)
    {
        Assert.That(Program.CreateRoot().Parse(line).Errors, Is.Not.Empty);
    }

    [Test]
    public void AFullProbeAddParses()
    {
        var parsed = Program.CreateRoot().Parse("probe add 42 Sample.Checkout.Submit --type incr --name orders --value 1 --event call --tags \"new { a = 1 }\" --when \"order.Total > 1\" --lifespan 0.5 --id o1 --timeout 5");

        Assert.That(parsed.Errors, Is.Empty);
    }

    private static IEnumerable<Command> All(Command command) => command.Subcommands.SelectMany(All).Prepend(command);
}
