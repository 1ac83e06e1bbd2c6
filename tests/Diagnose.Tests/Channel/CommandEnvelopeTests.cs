using Diagnose.Protocol.Channel;
using NUnit.Framework;

namespace Diagnose.Tests.Channel;

/// <summary>A command part as provider arguments, and every way those arguments can be wrong.</summary>
public sealed class CommandEnvelopeTests
{
    [Test]
    public void APartRoundTripsThroughProviderArguments()
    {
        var part = new CommandEnvelope(1, "abc-123_X", 2, 5, "eyJvcCI6");

        var arguments = part.ToArguments();

        Assert.That(arguments, Is.EquivalentTo(new Dictionary<string, string>
        {
            ["DiagnoseProtocol"] = "1",
            ["DiagnoseCommand"] = "abc-123_X",
            ["DiagnosePart"] = "2",
            ["DiagnoseParts"] = "5",
            ["DiagnoseData"] = "eyJvcCI6",
        }));
        Assert.That(CommandEnvelope.Read(Nullable(arguments), out _, out var error), Is.EqualTo(part), error);
    }

    [Test]
    public void OnlyArgumentsWithACommandIdAreCommands()
    {
        Assert.That(CommandEnvelope.IsCommand(null), Is.False);
        Assert.That(CommandEnvelope.IsCommand(new Dictionary<string, string?> { ["EventCounterIntervalSec"] = "1" }), Is.False);
        Assert.That(CommandEnvelope.IsCommand(new Dictionary<string, string?> { ["DiagnoseCommand"] = "x" }), Is.True);
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("has space")]
    [TestCase("semi;colon")]
    [TestCase("x1234567890123456789012345678901234567890123456789012345678901234")]
    public void ABadIdIsRefusedAndCannotBeAnswered(string? id)
    {
        var arguments = Nullable(new CommandEnvelope(1, "ok", 0, 1, "e30").ToArguments());
        arguments["DiagnoseCommand"] = id;

        var part = CommandEnvelope.Read(arguments, out var commandId, out var error);

        Assert.That(part, Is.Null);
        Assert.That(commandId, Is.Null);
        Assert.That(error, Does.StartWith("the command id must be"));
    }

    [TestCase("DiagnoseProtocol", "one")]
    [TestCase("DiagnoseProtocol", "0")]
    [TestCase("DiagnosePart", "5")]
    [TestCase("DiagnosePart", "-1")]
    [TestCase("DiagnoseParts", "0")]
    [TestCase("DiagnoseParts", "513")]
    [TestCase("DiagnoseParts", null)]
    public void BadNumbersAreRefusedWithTheCommandIdToAnswer(string key, string? value)
    {
        var arguments = Nullable(new CommandEnvelope(1, "c1", 0, 5, "e30").ToArguments());
        arguments[key] = value;

        var part = CommandEnvelope.Read(arguments, out var commandId, out var error);

        Assert.That(part, Is.Null);
        Assert.That(commandId, Is.EqualTo("c1"));
        Assert.That(error, Does.StartWith("command c1:"));
    }

    [Test]
    public void ANewerVersionIsAccepted()
    {
        var arguments = Nullable(new CommandEnvelope(7, "c1", 0, 1, "e30").ToArguments());
        arguments["DiagnoseSomethingNew"] = "whatever";

        Assert.That(CommandEnvelope.Read(arguments, out _, out _)?.Version, Is.EqualTo(7));
    }

    private static Dictionary<string, string?> Nullable(Dictionary<string, string> arguments) =>
        arguments.ToDictionary(a => a.Key, a => (string?)a.Value);
}
