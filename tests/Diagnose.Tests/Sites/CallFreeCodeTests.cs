using Diagnose.Sites;
using NUnit.Framework;

namespace Diagnose.Tests.Sites;

/// <summary>
/// Which instruments provably call nothing (so their sites go without the re-entry guard): only those whose
/// Record/Fire is field arithmetic; a call, an allocation, a throw or a static with a static constructor is code that
/// could reach a probed method.
/// </summary>
public sealed class CallFreeCodeTests
{
    [Test]
    public void AFieldIncrementIsCallFree() => Assert.That(CallFreeCode.Proven(new Counting()), Is.True);

    [Test]
    public void ArithmeticOnAStaticWithoutAStaticConstructorIsCallFree() => Assert.That(CallFreeCode.Proven(new Summing()), Is.True);

    [Test]
    public void BranchesAndSwitchesAreReadOverTheirOperands() => Assert.That(CallFreeCode.Proven(new Bucketing()), Is.True);

    [Test]
    public void AnInstrumentThatCallsAMethodIsNot() => Assert.That(CallFreeCode.Proven(new Calling()), Is.False);

    [Test]
    public void AnInstrumentThatAllocatesIsNot() => Assert.That(CallFreeCode.Proven(new Allocating()), Is.False);

    [Test]
    public void AnInstrumentThatThrowsIsNot() => Assert.That(CallFreeCode.Proven(new Throwing()), Is.False);

    [Test]
    public void AStaticOfATypeWithAStaticConstructorIsNot() => Assert.That(CallFreeCode.Proven(new ReadingInitialised()), Is.False);

    [Test]
    public void AnObjectInstrumentIsReadThroughItsFire()
    {
        Assert.That(CallFreeCode.Proven(new KeepingLast()), Is.True);
        Assert.That(CallFreeCode.Proven(new TestInstrument("t", "result")), Is.False, "it records the value in a list");
    }

    [TestCase("incr")]
    [TestCase("hist")]
    [TestCase("gauge")]
    [TestCase("log")]
    public void NoBuiltInInstrumentIsCallFree(string type)
    {
        Instrument instrument = type switch
        {
            "incr" => new IncrementInstrument("i", "1"),
            "hist" => new HistogramInstrument("h", "elapsed"),
            "gauge" => new GaugeInstrument("g", "result"),
            _ => new LogInstrument("l", "result"),
        };
        Assert.That(CallFreeCode.Proven(instrument), Is.False);
    }

    [Test]
    public void UnknownOrTruncatedCodeCountsAsACall()
    {
        Assert.That(CallFreeCode.IsCallFree([0x2A], null), Is.True, "ret");
        Assert.That(CallFreeCode.IsCallFree([0x20, 0x01], null), Is.False, "ldc.i4 cut short");
        Assert.That(CallFreeCode.IsCallFree([0xA6], null), Is.False, "an opcode that does not exist");
        Assert.That(CallFreeCode.IsCallFree([0x7E, 0, 0, 0, 0], null), Is.False, "ldsfld with no module to resolve it");
    }

    private sealed class Counting() : NumericInstrument("c", "result")
    {
        private long _count;

        public long Count => _count;

        protected internal override void Record(double value, IReadOnlyList<string> tags) => _count++;
    }

    private sealed class Summing() : NumericInstrument("s", "result")
    {
        internal static double Total;

        protected internal override void Record(double value, IReadOnlyList<string> tags) => Total += value * 2;
    }

    private sealed class Bucketing() : NumericInstrument("b", "result")
    {
        private readonly long[] _buckets = new long[4];

        protected internal override void Record(double value, IReadOnlyList<string> tags)
        {
            switch ((int)value)
            {
                case 0: _buckets[0]++; break;
                case 1: _buckets[1]++; break;
                case 2: _buckets[2]++; break;
                default: _buckets[3] += value > 1e6 ? 2 : 1; break;
            }
        }
    }

    private sealed class Calling() : NumericInstrument("c", "result")
    {
        protected internal override void Record(double value, IReadOnlyList<string> tags) => Console.Out.Flush();
    }

    private sealed class Allocating() : NumericInstrument("a", "result")
    {
        private object? _last;

        protected internal override void Record(double value, IReadOnlyList<string> tags) => _last = new object();

        public override string ToString() => $"{_last}";
    }

    private sealed class Throwing() : NumericInstrument("t", "result")
    {
        protected internal override void Record(double value, IReadOnlyList<string> tags)
        {
            if (value < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(value));
            }
        }
    }

    private sealed class ReadingInitialised() : NumericInstrument("r", "result")
    {
        private double _seen;

        protected internal override void Record(double value, IReadOnlyList<string> tags) => _seen = value + Initialised.Offset;

        public override string ToString() => $"{_seen}";
    }

    private static class Initialised
    {
        internal static readonly double Offset = Environment.ProcessorCount;
    }

    private sealed class KeepingLast() : Instrument("k", "result")
    {
        private object? _last;

        public override string ToString() => $"{_last}";

        protected internal override void Fire(object? value, IReadOnlyList<string> tags) => _last = value;
    }
}
