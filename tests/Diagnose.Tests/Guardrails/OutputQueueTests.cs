using Diagnose.Guardrails;
using NUnit.Framework;

namespace Diagnose.Tests.Guardrails;

/// <summary>The bounded queue in front of stdout and the channel: never waits on a slow reader, never grows without bound.</summary>
public sealed class OutputQueueTests
{
    [Test]
    public void WithNothingQueuedALineIsWrittenAtOnceOnTheCallersThread()
    {
        var written = new List<(string Text, int Thread)>();
        var queue = new OutputQueue((_, text, _, _) => written.Add((text, Environment.CurrentManagedThreadId)));

        Assert.That(queue.TryWrite("p", "one", [], null), Is.True);

        Assert.That(written, Is.EqualTo(new[] { ("one", Environment.CurrentManagedThreadId) }));
    }

    [Test]
    public void WhileTheReaderIsStuckLinesQueueUpToTheBoundThenAreDroppedAndCountedAndTheRestComeInOrder()
    {
        using var stuck = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var written = new List<string>();
        var queue = new OutputQueue((_, text, _, _) =>
        {
            if (text == "first")
            {
                stuck.Set();
                release.Wait();
            }

            lock (written)
            {
                written.Add(text);
            }
        });
        var guard = new ProbeGuard(new LogInstrument("p", "1"), new GuardDefaults(100_000, 0, 10, 5), null);
        var blocked = Task.Run(() => queue.TryWrite("p", "first", [], guard));
        stuck.Wait();

        var accepted = Enumerable.Range(0, OutputQueue.MaxLines + 10).Count(i => queue.TryWrite("p", $"line {i}", [], guard));
        release.Set();
        blocked.Wait();

        Assert.That(accepted, Is.EqualTo(OutputQueue.MaxLines));
        Assert.That(guard.Stats().DroppedFull, Is.EqualTo(10));
        Assert.That(queue.Flush(TimeSpan.FromMinutes(1)), Is.True);
        Assert.That(written, Is.EqualTo(new[] { "first" }.Concat(Enumerable.Range(0, OutputQueue.MaxLines).Select(i => $"line {i}"))));
    }

    [Test]
    public void TheBoundCountsCharactersTooSoHugeLinesCannotFillMemory()
    {
        using var stuck = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var queue = new OutputQueue((_, text, _, _) =>
        {
            if (text == "first")
            {
                stuck.Set();
                release.Wait();
            }
        });
        var blocked = Task.Run(() => queue.TryWrite("p", "first", [], null));
        stuck.Wait();
        var huge = new string('x', 100_000);

        var accepted = Enumerable.Range(0, 100).Count(_ => queue.TryWrite("p", huge, [], null));
        release.Set();
        blocked.Wait();

        Assert.That(accepted, Is.EqualTo((int)(OutputQueue.MaxChars / (huge.Length + 1))));
        Assert.That(queue.Flush(TimeSpan.FromMinutes(1)), Is.True);
    }
}
