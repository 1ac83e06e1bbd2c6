using System.Text;
using Diagnose.Protocol.Channel;
using NUnit.Framework;

namespace Diagnose.Tests.Channel;

/// <summary>Commands cut into parts (one per session) and put together again in the target.</summary>
public sealed class CommandAssemblerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    [Test]
    public void ASmallCommandIsOnePart()
    {
        var parts = CommandChunker.Split("c1", "{\"op\":\"hello\"}"u8);

        Assert.That(parts, Has.Count.EqualTo(1));
        Assert.That(new CommandAssembler().Add(parts[0], Now, out _), Is.EqualTo("{\"op\":\"hello\"}"u8.ToArray()));
    }

    [Test]
    public void PartsArrivingInAnyOrderMakeTheCommand()
    {
        var json = Encoding.UTF8.GetBytes(new string('x', 1000));
        var parts = CommandChunker.Split("c1", json, maxPartChars: 100);
        var assembler = new CommandAssembler();

        Assert.That(parts, Has.Count.EqualTo(14));
        Assert.That(parts.All(p => p.Data.Length <= 100 && p.Parts == 14), Is.True);
        byte[]? done = null;
        foreach (var part in parts.Reverse())
        {
            Assert.That(done, Is.Null, "complete before the last part");
            done = assembler.Add(part, Now, out var error);
            Assert.That(error, Is.Null);
        }

        Assert.That(done, Is.EqualTo(json));
        Assert.That(assembler.PendingCount, Is.Zero);
    }

    [Test]
    public void TwoToolsSendingAtOnceDoNotMix()
    {
        var first = CommandChunker.Split("first", Encoding.UTF8.GetBytes(new string('a', 300)), 50);
        var second = CommandChunker.Split("second", Encoding.UTF8.GetBytes(new string('b', 300)), 50);
        var assembler = new CommandAssembler();
        var done = new List<string>();

        foreach (var part in first.Zip(second).SelectMany(pair => new[] { pair.First, pair.Second }))
        {
            if (assembler.Add(part, Now, out _) is { } json)
            {
                done.Add(Encoding.UTF8.GetString(json));
            }
        }

        Assert.That(done, Is.EqualTo(new[] { new string('a', 300), new string('b', 300) }));
    }

    [Test]
    public void APartDeliveredTwiceCountsOnce()
    {
        var parts = CommandChunker.Split("c1", Encoding.UTF8.GetBytes(new string('z', 200)), 100);
        var assembler = new CommandAssembler();

        Assert.That(assembler.Add(parts[0], Now, out _), Is.Null);
        Assert.That(assembler.Add(parts[0], Now, out _), Is.Null);
        Assert.That(assembler.Add(parts[1], Now, out _), Is.Null);
        Assert.That(assembler.Add(parts[2], Now, out _), Is.Not.Null);
    }

    [Test]
    public void PartsOfASenderThatWentAwayAreDroppedAfterAMinute()
    {
        var parts = CommandChunker.Split("gone", Encoding.UTF8.GetBytes(new string('z', 200)), 100);
        var assembler = new CommandAssembler();
        assembler.Add(parts[0], Now, out _);

        assembler.Add(CommandChunker.Split("other", "{}"u8)[0], Now + TimeSpan.FromSeconds(61), out _);

        Assert.That(assembler.PendingCount, Is.Zero);
        Assert.That(assembler.Add(parts[1], Now + TimeSpan.FromSeconds(61), out _), Is.Null, "the first part is forgotten");
    }

    [Test]
    public void PartsThatDisagreeOnTheirCountAreRefused()
    {
        var assembler = new CommandAssembler();
        assembler.Add(new CommandEnvelope(1, "c1", 0, 3, "e3"), Now, out _);

        Assert.That(assembler.Add(new CommandEnvelope(1, "c1", 1, 4, "0"), Now, out var error), Is.Null);
        Assert.That(error, Is.EqualTo("command c1: its parts disagree on how many there are (3 and 4)"));
        Assert.That(assembler.PendingCount, Is.Zero);
    }

    [Test]
    public void TooManyUnfinishedCommandsAreRefusedNotHoarded()
    {
        var assembler = new CommandAssembler();
        for (var i = 0; i < CommandAssembler.MaxPendingCommands; i++)
        {
            assembler.Add(new CommandEnvelope(1, $"c{i}", 0, 2, "e3"), Now, out _);
        }

        Assert.That(assembler.Add(new CommandEnvelope(1, "one-more", 0, 2, "e3"), Now, out var error), Is.Null);
        Assert.That(error, Does.Contain("too many unfinished commands"));
        Assert.That(assembler.PendingCount, Is.EqualTo(CommandAssembler.MaxPendingCommands));
    }

    [Test]
    public void DataThatIsNotBase64UrlIsRefused()
    {
        Assert.That(new CommandAssembler().Add(new CommandEnvelope(1, "c1", 0, 1, "not base64!"), Now, out var error), Is.Null);
        Assert.That(error, Is.EqualTo("command c1: its data is not base64url"));
    }

    [Test]
    public void ACommandTooLargeForTheProtocolCannotBeCut()
    {
        var huge = new byte[(ChannelContract.MaxParts + 1) * 3 * 100 / 4];

        Assert.That(() => CommandChunker.Split("c1", huge, maxPartChars: 100), Throws.ArgumentException.With.Message.Contains("too large"));
    }

    [Test]
    public void NewIdsAreValidAndDifferent()
    {
        var ids = Enumerable.Range(0, 100).Select(_ => CommandChunker.NewId()).ToList();

        Assert.That(ids.All(CommandEnvelope.IsValidId), Is.True);
        Assert.That(ids.Distinct().Count(), Is.EqualTo(100));
    }
}
