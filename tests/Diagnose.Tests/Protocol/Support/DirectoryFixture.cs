using NUnit.Framework;

namespace Diagnose.Tests.Protocol.Support;

/// <summary>For store tests: a fresh directory, a manual clock at 2026-11-22T10:00:00Z, and the store's reports.</summary>
public abstract class DirectoryFixture
{
    private protected TemporaryDirectory Folder { get; private set; } = null!;

    private protected ManualTimeProvider Time { get; private set; } = null!;

    private protected List<string> Reports { get; private set; } = null!;

    [SetUp]
    public void MakeDirectory()
    {
        Folder = new TemporaryDirectory();
        Time = new ManualTimeProvider(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));
        Reports = [];
    }

    [TearDown]
    public void RemoveDirectory() => Folder.Dispose();
}
