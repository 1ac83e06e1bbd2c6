using Diagnose.Cli;
using Diagnose.Cli.Otlp;
using Diagnose.Tests.Protocol.Support;
using NUnit.Framework;

namespace Diagnose.Tests.Cli.Otlp;

/// <summary>Which probe wrote a log line: the process's spec list, asked again only when needed.</summary>
public sealed class ProbeIdsTests
{
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero));
    private List<(string Id, string InstrumentName)> _specs = null!;
    private int _lists;

    [SetUp]
    public void TheProcessHasThreeSpecs()
    {
        _specs = [("count", "orders"), ("a", "shared"), ("b", "shared")];
        _lists = 0;
    }

    [Test]
    public void TheIdOfTheOneSpecWithThatInstrumentNameIsGivenAndTheListIsAskedForOnce()
    {
        var ids = New();

        Assert.That(ids.Of("orders"), Is.EqualTo("count"));
        Assert.That(ids.Of("orders"), Is.EqualTo("count"));
        Assert.That(ids.Of("shared"), Is.EqualTo("a,b"), "several specs: their ids, sorted");
        Assert.That(_lists, Is.EqualTo(1));
    }

    [Test]
    public void AnUnknownNameAsksAgainAtMostOncePerPeriod()
    {
        var ids = New();
        Assert.That(ids.Of("later"), Is.Null);
        _specs.Add(("new", "later"));

        Assert.That(ids.Of("later"), Is.Null, "asked within the period: the old list");
        _time.Advance(ProbeIds.Period);
        Assert.That(ids.Of("later"), Is.EqualTo("new"));
        Assert.That(_lists, Is.EqualTo(2));
    }

    [Test]
    public void AChangedSpecMakesTheNextLookupAskAgain()
    {
        var ids = New();
        Assert.That(ids.Of("orders"), Is.EqualTo("count"));
        _specs[0] = ("renamed", "orders");

        ids.Changed();

        Assert.That(ids.Of("orders"), Is.EqualTo("renamed"));
    }

    [TestCase("unreachable")]
    [TestCase("socket gone")]
    public void AnyFailureToListKeepsWhatWasKnown(string failure)
    {
        var fail = false;
        Exception Failure() => failure == "unreachable" ? new CliException(ExitCodes.Unreachable, "gone") : new IOException("the socket is gone");
        var ids = new ProbeIds(() => fail ? throw Failure() : _specs, _time);
        Assert.That(ids.Of("orders"), Is.EqualTo("count"));
        fail = true;

        ids.Changed();

        Assert.That(ids.Of("orders"), Is.EqualTo("count"));
    }

    private ProbeIds New() => new(
        () =>
        {
            _lists++;
            return _specs.ToList();
        },
        _time);
}
